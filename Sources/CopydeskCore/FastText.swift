import Foundation

extension String {
    /// Byte-wise substring test (UTF-8, case-sensitive): much cheaper than Foundation's
    /// locale-aware `contains` on long texts.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, h.count >= n.count else { return n.count == 0 }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether the text holds any of the needles (see `containsBytes`).
    public func containsAnyBytes(_ needles: [String]) -> Bool {
        needles.contains { containsBytes($0) }
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
        return String(String.UnicodeScalarView(scalars[first...last]))
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
