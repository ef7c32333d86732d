/// Several byte strings looked for in one pass over a text: a table of the needles' first bytes
/// says at which positions any needle can start, and only those are compared. The matcher a
/// lexicon of short phrases needs, in place of one search per entry.
public struct ByteLexicon: Sendable {
    private let needles: [[UInt8]]
    /// For each byte value, the needles that start with it.
    private let startingWith: [[Int]]

    /// At most 64 needles, matched case-sensitively as UTF-8.
    public init(_ needles: [String]) {
        precondition(needles.count <= 64, "a ByteLexicon answers with a 64-bit set")
        self.needles = needles.map { Array($0.utf8) }
        var table = [[Int]](repeating: [], count: 256)
        for (k, needle) in self.needles.enumerated() where !needle.isEmpty { table[Int(needle[0])].append(k) }
        startingWith = table
    }

    /// The set of needles that occur in `text`, bit `k` for needle `k`.
    public func matches(in text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var found: UInt64 = 0
            for i in bytes.indices {
                for k in startingWith[Int(bytes[i])] where found & (1 << k) == 0 {
                    let needle = needles[k]
                    if needle.count <= bytes.count - i, zip(bytes[i...], needle).allSatisfy({ $0 == $1 }) { found |= 1 << k }
                }
            }
            return found
        }
    }

    /// The bits of needles `range` (in the order given to `init`).
    public static func mask(_ range: Range<Int>) -> UInt64 {
        range.reduce(0) { $0 | (1 << $1) }
    }
}
