import CopydeskCore

/// Sentence and word helpers over a block's scalars, shared by the check kinds.
enum TextTools {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "sr", "jr", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "cmdr",
        "prof", "rev", "hon", "pres", "supt", "det", "insp", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd",
        "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "approx", "dept", "est", "fig",
    ]
    private static let closers: Set<Unicode.Scalar> = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]", "\u{00BB}"]

    /// Sentence ranges of `s`, never splitting inside one of `protected` (quotation spans).
    static func sentences(_ s: [Unicode.Scalar], protected: [Range<Int>] = []) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var i = 0
        /// Whether a sentence break at `k` would cut a quotation in two.
        func isProtected(_ k: Int) -> Bool { protected.contains { $0.lowerBound < k && k < $0.upperBound } }
        while i < s.count {
            let c = s[i]
            if c == "." || c == "!" || c == "?" || c == "…" {
                var end = i + 1
                while end < s.count, closers.contains(s[end]) || s[end] == "." { end += 1 }
                if end < s.count, s[end] == " ", !isProtected(end), !(c == "." && isAbbreviation(s, before: i)) {
                    var next = end
                    while next < s.count, s[next] == " " { next += 1 }
                    if next < s.count, !s[next].properties.isLowercase {
                        result.append(start..<end)
                        start = next
                        i = next
                        continue
                    }
                }
                i = end
                continue
            }
            i += 1
        }
        if start < s.count { result.append(start..<s.count) }
        return result
    }

    static func isAbbreviation(_ s: [Unicode.Scalar], before dot: Int) -> Bool {
        var j = dot
        while j > 0, s[j - 1].properties.isAlphabetic || s[j - 1] == "." { j -= 1 }
        let word = String(scalars: s[j..<dot]).lowercased()
        if word.count == 1 { return true }   // an initial: "John F. Kennedy"
        return abbreviations.contains(word)
    }

    /// Lower-case words of a text, letters and apostrophes only.
    static func words<C: Collection>(_ scalars: C) -> [String] where C.Element == Unicode.Scalar {
        splitWords(scalars) { word in
            // an ASCII word (nearly every one) is lower-cased byte by byte into its string: one allocation
            guard word.allSatisfy(\.isASCII) else { return String(scalars: word).lowercasedFast() }
            return String(unsafeUninitializedCapacity: word.count) { bytes in
                for (i, scalar) in word.enumerated() { bytes[i] = UInt8(scalar.value).asciiLowercased }
                return word.count
            }
        }
    }

    /// A word, lower-cased, and whether it was written with a capital.
    struct CasedWord { var text: String; var capitalised: Bool }

    /// The words of `scalars`, each with whether it was written with a capital ("said Mr Moeketsi").
    static func casedWords<C: Collection>(_ scalars: C) -> [CasedWord] where C.Element == Unicode.Scalar {
        splitWords(scalars) { CasedWord(text: String(scalars: $0).lowercasedFast(), capitalised: $0[0].properties.isUppercase) }
    }

    /// Runs of letters and apostrophes, each made into a word by `make`.
    @inline(__always)
    private static func splitWords<C: Collection, Word>(_ scalars: C, _ make: ([Unicode.Scalar]) -> Word) -> [Word]
        where C.Element == Unicode.Scalar {
        var words: [Word] = []
        var current: [Unicode.Scalar] = []
        for c in scalars {
            if c.isLetter || c == "'" || c == "\u{2019}" {
                current.append(c)
            } else if !current.isEmpty {
                words.append(make(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(make(current)) }
        return words
    }

    /// Text folded for comparison: lower case, quotes and dashes unified, punctuation dropped, spaces folded.
    static func normalized(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for c in text.unicodeScalars {
            let isDigit = c.value < 0x80 ? (c.value >= 0x30 && c.value <= 0x39) : c.properties.numericType != nil
            if c.isLetter || isDigit {
                if space, !out.isEmpty { out.append(0x20) }
                space = false
                if c.value < 0x80 {
                    out.append(UInt8(c.value >= 0x41 && c.value <= 0x5A ? c.value + 32 : c.value))
                } else {
                    out.append(contentsOf: c.properties.lowercaseMapping.utf8)   // what String.lowercased() takes per scalar
                }
            } else {
                space = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The FNV-1a hashes of the first `limit` words of `normalized` text (words separated by
    /// single spaces, as `normalized` leaves them), sorted, each once: a set of words that two
    /// texts can be compared by with a merge, no hash table built.
    static func wordHashes(ofNormalized normalized: String, limit: Int) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(limit)
        var text = normalized
        text.withUTF8 { bytes in
            var h: UInt64 = Fingerprint.fnv1aBasis, inWord = false
            for byte in bytes {
                if byte == 0x20 {
                    if inWord { hashes.append(h) }
                    if hashes.count == limit { return }
                    h = Fingerprint.fnv1aBasis
                    inWord = false
                } else {
                    h = Fingerprint.fnv1a(h, byte)
                    inWord = true
                }
            }
            if inWord, hashes.count < limit { hashes.append(h) }
        }
        hashes.sort()
        return hashes.indices.compactMap { $0 > 0 && hashes[$0] == hashes[$0 - 1] ? nil : hashes[$0] }
    }

    /// How many hashes two sorted, duplicate-free `wordHashes` share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }
}
