/// HTML character references, decoded as the WHATWG tokenizer does, with the number of
/// source bytes each one spans (so that `&eacute;` maps to one scalar and nine bytes).
enum HTMLEntities {
    /// Named references from `Resources/lexicons/html-entities.tsv`, keyed by their bytes
    /// (with the `;` where the spec spells one; the legacy ones also without).
    static let named: [[UInt8]: [Unicode.Scalar]] = {
        var table: [[UInt8]: [Unicode.Scalar]] = [:]
        for line in (EmbeddedResources.text(of: "Resources/lexicons/html-entities.tsv") ?? "").split(separator: "\n")
        where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            table[Array(fields[0].utf8)] = fields[1].split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
        }
        return table
    }()

    /// The longest name in the table: no reference is looked up further than this.
    static let longestName = 32

    /// What the C1 range means in a numeric reference, by the spec's windows-1252 table.
    static let c1: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    /// The reference starting at `bytes[at]` (an `&`): its scalars and its length in bytes,
    /// or nil when the `&` is a literal ampersand. In an attribute value a legacy name without
    /// `;` followed by `=` or an alphanumeric stays literal, as the spec says.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, inAttribute: Bool) -> (scalars: [Unicode.Scalar], length: Int)? {
        var i = start + 1
        guard i < end else { return nil }
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < end && (bytes[i] | 0x20) == UInt8(ascii: "x")
            if hex { i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            while i < end {
                let b = bytes[i]
                let digit: UInt32
                if b >= 0x30 && b <= 0x39 { digit = UInt32(b - 0x30) }
                else if hex, (b | 0x20) >= 0x61, (b | 0x20) <= 0x66 { digit = UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                i += 1
            }
            guard i > digitsStart else { return nil }
            if i < end, bytes[i] == UInt8(ascii: ";") { i += 1 }
            let mapped = c1[value] ?? value
            let scalar = (mapped == 0 || (mapped >= 0xD800 && mapped <= 0xDFFF)) ? nil : Unicode.Scalar(mapped)
            return ([scalar ?? "\u{FFFD}"], i - start)
        }
        var nameEnd = i
        while nameEnd < end, nameEnd - i < longestName, isAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
        guard nameEnd > i else { return nil }
        if nameEnd < end, bytes[nameEnd] == UInt8(ascii: ";"),
           let scalars = named[Array(bytes[i...nameEnd])] {
            return (scalars, nameEnd + 1 - start)
        }
        // a legacy reference without its semicolon: the longest such prefix
        var length = nameEnd - i
        while length > 1 {
            if let scalars = named[Array(bytes[i..<(i + length)])] {
                let after = i + length
                if inAttribute, after < end, bytes[after] == UInt8(ascii: "=") || isAlphanumeric(bytes[after]) { return nil }
                return (scalars, after - start)
            }
            length -= 1
        }
        return nil
    }
}
