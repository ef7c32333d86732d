/// A stable identity for a finding that survives lines added above it and white-space edits.
///
/// Built from the rule id and the flagged text with white space folded (never the line
/// number), hashed with 64-bit FNV-1a so that it is the same on every run and machine.
public enum Fingerprint {
    public static func of(_ diagnostic: Diagnostic) -> String {
        var key = diagnostic.rule + "\u{1F}"
        var space = false
        for scalar in diagnostic.excerpt.unicodeScalars {
            if scalar.isSpace {
                space = true
                continue
            }
            if space { key.unicodeScalars.append(" ") }
            space = false
            key.unicodeScalars.append(scalar)
        }
        return hash(key)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits.
    public static func hash(_ text: String) -> String {
        let hex = String(fnv1a(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// 64-bit FNV-1a of `bytes`.
    @inlinable
    public static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        bytes.reduce(fnv1aBasis, fnv1a)
    }

    /// FNV-1a's offset basis: the hash of no bytes.
    public static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One step of FNV-1a: `hash` with `byte` mixed in.
    @inlinable
    public static func fnv1a(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
