import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first occurrence of `needle` at or after `start`: memchr finds each
    /// candidate first byte (vectorised), memcmp checks the rest.
    public func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard needle.count > 0 else { return start }
        guard count - start >= needle.count, let hb = baseAddress, let nb = needle.baseAddress else { return nil }
        var at = start
        let last = count - needle.count
        while at <= last, let hit = memchr(hb + at, Int32(needle[0]), last - at + 1) {
            let i = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(hb + i, nb, needle.count) == 0 { return i }
            at = i + 1
        }
        return nil
    }

    /// `firstOffset(of:from:)` for a needle held in an array.
    public func firstOffset(of needle: [UInt8], from start: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, from: start) }
    }
}

extension String {
    /// Byte-wise substring test (UTF-8, case-sensitive): much cheaper than Foundation's
    /// locale-aware `contains` on long texts.
    public func containsBytes(_ needle: String) -> Bool {
        withBytes(of: needle) { h, n in h.firstOffset(of: n) != nil }
    }

    /// Every occurrence of `needle` replaced by `replacement`, found as UTF-8 bytes (`foldingCase`:
    /// `needle` is lower-case ASCII and matches in any ASCII case). Foundation's
    /// `replacingOccurrences` bridges both strings to `NSString` for it.
    public func replacingBytes(_ needle: String, with replacement: String, foldingCase: Bool = false) -> String {
        withBytes(of: needle) { h, n -> String in
            guard n.count > 0, foldingCase ? Self.holdsFolded(n, in: h) : h.firstOffset(of: n) != nil else { return self }
            var out: [UInt8] = []
            out.reserveCapacity(h.count)
            var i = 0
            while i < h.count {
                if i + n.count <= h.count, (0..<n.count).allSatisfy({ foldingCase ? h[i + $0].asciiLowercased == n[$0] : h[i + $0] == n[$0] }) {
                    out.append(contentsOf: replacement.utf8)
                    i += n.count
                } else {
                    out.append(h[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 bytes of the text and of `other`.
    private func withBytes<T>(of other: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        var text = self
        var other = other
        return text.withUTF8 { t in other.withUTF8 { o in body(t, o) } }
    }

    /// `split(separator: " ").count`, counted as runs of bytes in the one pass that checks every
    /// space stands alone (see `standsAlone`).
    public func spaceSeparatedWordCount() -> Int {
        var text = self
        let count = text.withUTF8 { b -> Int? in
            var count = 0
            var inWord = false
            for i in b.indices {
                if b[i] == 0x20 {
                    guard Self.standsAlone(spaceAt: i, in: b) else { return nil }
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return count
        }
        return count ?? split(separator: " ").count
    }

    /// `split(separator: " ")`, cut as bytes when every space stands alone (see `standsAlone`).
    public func spaceSeparatedWords() -> [Substring] {
        var text = self
        let alone = text.withUTF8 { b in b.indices.allSatisfy { b[$0] != 0x20 || Self.standsAlone(spaceAt: $0, in: b) } }
        return alone ? utf8.split(separator: 0x20).map(Substring.init) : split(separator: " ")
    }

    /// Whether the space at byte `i` is a Character of its own, so that cutting the bytes there
    /// cuts Characters: true unless a mark after it or a prepended sign before it joins it into
    /// another (always true in ASCII text).
    private static func standsAlone(spaceAt i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        if i + 1 < b.count, b[i + 1] >= 0x80, joinsSpaceBefore(UTF8Scalar.at(i + 1, in: b)) { return false }
        if i > 0, b[i - 1] >= 0x80, joinsSpaceAfter(UTF8Scalar.ending(at: i, in: b)) { return false }
        return true
    }

    /// Whether `scalar` joins the space before it into one Character (a combining or spacing mark,
    /// an emoji modifier, a zero-width joiner).
    private static func joinsSpaceBefore(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        let p = scalar.properties
        return p.isGraphemeExtend || p.isEmojiModifier || p.generalCategory == .spacingMark
            || scalar.value == 0x200D || scalar.value == 0x0E33 || scalar.value == 0x0EB3
    }

    /// Whether `scalar` joins the space after it into one Character (the prepended signs of Arabic,
    /// Syriac and some Indic scripts; of the Brahmic ones past U+110BD, their whole range).
    private static func joinsSpaceAfter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let v = scalar?.value else { return true }
        return (0x0600...0x0605).contains(v) || v == 0x06DD || v == 0x070F || (0x0890...0x0891).contains(v) || v == 0x08E2
            || v == 0x0D4E || (0x110BD...0x11F02).contains(v)
    }

    /// Whether the text holds any of the needles (see `containsBytes`).
    public func containsAnyBytes(_ needles: [String]) -> Bool {
        needles.contains { containsBytes($0) }
    }

    /// Whether the text holds `needle` (lower-case ASCII) in any ASCII case: "photo" finds
    /// "Photo" and "PHOTO". A prefilter for case-insensitive patterns, which also fold some
    /// non-ASCII letters to ASCII ("ß" to "ss", "ſ" to "s", the Kelvin sign to "k", "ﬁ" to "fi"):
    /// text that holds one of those is reported to contain every needle, so that the pattern decides.
    public func containsFoldedBytes(_ needle: String) -> Bool {
        withBytes(of: needle) { h, n in Self.holdsFolded(n, in: h) || Self.holdsLetterFoldingToASCII(h) }
    }

    /// Whether `haystack` holds `needle` (lower-case ASCII) in any ASCII case.
    private static func holdsFolded(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 0 else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for i in 0...(haystack.count - needle.count) where haystack[i].asciiLowercased == first {
            var j = 1
            while j < needle.count, haystack[i + j].asciiLowercased == needle[j] { j += 1 }
            if j == needle.count { return true }
        }
        return false
    }

    /// Whether UTF-8 `bytes` hold a letter whose full case folding (Unicode's CaseFolding.txt)
    /// contains ASCII: ß ẞ İ ŉ ſ ǰ ẖ ẗ ẘ ẙ ẚ, the Kelvin sign and the ligatures ﬀ–ﬆ.
    static func holdsLetterFoldingToASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            let a = bytes[i], b = bytes[i + 1]
            switch a {
            case 0xC3: if b == 0x9F { return true }
            case 0xC4: if b == 0xB0 { return true }
            case 0xC5: if b == 0x89 || b == 0xBF { return true }
            case 0xC7: if b == 0xB0 { return true }
            case 0xE1: if b == 0xBA, i + 2 < bytes.count, (0x96...0x9A).contains(bytes[i + 2]) || bytes[i + 2] == 0x9E { return true }
            case 0xE2: if b == 0x84, i + 2 < bytes.count, bytes[i + 2] == 0xAA { return true }
            case 0xEF: if b == 0xAC, i + 2 < bytes.count, (0x80...0x86).contains(bytes[i + 2]) { return true }
            default: break
            }
            i += 1
        }
        return false
    }

    /// Whether the text holds any of the needles in any ASCII case (see `containsFoldedBytes`).
    public func containsAnyFoldedBytes(_ needles: [String]) -> Bool {
        var text = self
        return text.withUTF8 { h in
            needles.contains { needle in
                var needle = needle
                return needle.withUTF8 { Self.holdsFolded($0, in: h) }
            } || Self.holdsLetterFoldingToASCII(h)
        }
    }

    /// Whether the text opens with `prefix`, its bytes compared before its characters (most texts
    /// differ from a prefix in their first bytes). For prefixes whose characters have one spelling
    /// (ASCII words, punctuation, "»"): a decomposed spelling of an accented letter is not found.
    public func hasPrefixComparingBytes(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8) && hasPrefix(prefix)   // the characters: a combining mark after it makes another
    }

    /// Whether the UTF-8 bytes end with `suffix`'s: in ASCII text, where every byte is a
    /// character, what `hasSuffix` answers, without comparing characters.
    public func endsWithBytes(_ suffix: String) -> Bool {
        withBytes(of: suffix) { t, s in t.count >= s.count && t.suffix(s.count).elementsEqual(s) }
    }

    /// Whether, after an optional "(" and ASCII white space, the text opens with one of
    /// `literals` (lower-case ASCII) in any ASCII case; true, so that the pattern decides, when a
    /// non-ASCII byte stands in the first `window` bytes (see `containsFoldedBytes`).
    public func mayOpenWithFolded(_ literals: [String], window: Int = 24) -> Bool {
        var text = self
        return text.withUTF8 { t in
            func opens(at start: Int) -> Bool {
                var i = start
                while i < t.count, t[i] == 0x20 || (t[i] >= 0x09 && t[i] <= 0x0D) { i += 1 }
                if t[i..<min(t.count, i + window)].contains(where: { $0 >= 0x80 }) { return true }
                guard i < t.count else { return literals.contains(where: \.isEmpty) }
                let first = t[i].asciiLowercased
                return literals.contains { literal in
                    literal.utf8.first.map { $0 == first } ?? true
                        && literal.utf8.count <= t.count - i
                        && zip(t[i...], literal.utf8).allSatisfy { $0.asciiLowercased == $1 }
                }
            }
            return opens(at: 0) || (t.first == 0x28 && opens(at: 1))
        }
    }
}

extension String {
    /// `lowercased()`, done byte by byte when the text is ASCII apart from caseless punctuation
    /// (curly quotes, dashes, ellipses, no-break spaces, ©, currency signs): news text nearly
    /// always is, and the standard library takes its slow, scalar-by-scalar path for all of it.
    public func lowercasedFast() -> String {
        var text = self
        let simple = text.withUTF8 { bytes -> Bool in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                // U+00A0–U+00BF (C2 A0–BF), U+2000–U+206F (E2 80–81 xx), U+20A0–U+20CF (E2 82 A0–BF, E2 83 80–8F)
                if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0xA0 { i += 2; continue }
                if b == 0xE2, i + 2 < bytes.count {
                    let c = bytes[i + 1], d = bytes[i + 2]
                    if c == 0x80 || c == 0x81 || (c == 0x82 && d >= 0xA0) || (c == 0x83 && d <= 0x8F) { i += 3; continue }
                }
                return false
            }
            return true
        }
        guard simple else { return lowercased() }
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, b) in bytes.enumerated() { out[i] = b.asciiLowercased }
                return bytes.count
            }
        }
    }

    /// The string of `scalars`, encoded straight into its UTF-8 storage (appending to a
    /// `UnicodeScalarView` costs several times more).
    public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var i = 0
            for scalar in scalars {
                let v = scalar.value
                if v < 0x80 {
                    buffer[i] = UInt8(v); i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | v >> 6); buffer[i + 1] = UInt8(0x80 | v & 0x3F); i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | v >> 12); buffer[i + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                    buffer[i + 2] = UInt8(0x80 | v & 0x3F); i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | v >> 18); buffer[i + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    buffer[i + 2] = UInt8(0x80 | v >> 6 & 0x3F); buffer[i + 3] = UInt8(0x80 | v & 0x3F); i += 4
                }
            }
            return i
        }
    }
}

extension String {
    /// A relative path without a leading `./` (how reports and baselines name files).
    public var withoutDotSlash: String { hasPrefix("./") ? String(dropFirst(2)) : self }
}

extension Unicode.Scalar {
    /// White space, with a fast path for ASCII.
    @inlinable public var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }

    /// A letter, with a fast path for ASCII.
    @inlinable public var isLetter: Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return properties.isAlphabetic
    }
}

extension StringProtocol {
    /// The text without the leading and trailing scalars `drop` accepts, with no Foundation
    /// bridging (`trimmingCharacters` copies through `NSString`, a profile's top cost).
    @inlinable public func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        // sliced on scalar boundaries and copied as bytes, not rebuilt scalar by scalar
        return String(self[first..<scalars.index(after: last)])
    }

    /// Without leading and trailing spaces and tabs (as `CharacterSet.whitespaces`).
    @inlinable public func trimmingSpaces() -> String {
        trimming { $0 == " " || $0 == "\t" || ($0.value >= 0x80 && $0.properties.generalCategory == .spaceSeparator) }
    }

    /// Without leading and trailing white space and line breaks (as `CharacterSet.whitespacesAndNewlines`).
    @inlinable public func trimmingWhitespace() -> String { trimming(where: \.isSpace) }

    /// Without leading and trailing scalars among `characters`.
    @inlinable public func trimming(charactersIn characters: String) -> String {
        let set = Set(characters.unicodeScalars)
        return trimming(where: set.contains)
    }
}


extension NSString {
    /// `offset` (in UTF-16 units), moved past the second half of a surrogate pair so that a cut
    /// there never splits a character (an emoji): Foundation traps on a half character.
    public func wholeCharacter(at offset: Int) -> Int {
        offset > 0 && offset < length && (0xDC00...0xDFFF).contains(character(at: offset)) ? offset + 1 : offset
    }
}

/// The scalar at a position of valid UTF-8 bytes, read by the standard library's decoder.
enum UTF8Scalar {
    /// The scalar whose first byte is at `i`.
    static func at(_ i: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var decoder = UTF8()
        var bytes = b[i...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return nil }
        return scalar
    }

    /// The scalar whose last byte is just before `end`.
    static func ending(at end: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var start = end - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return at(start, in: b)
    }
}

extension UInt8 {
    /// The byte with an ASCII capital lower-cased; any other byte as it is.
    @inlinable public var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}
