import Copydesk

/// Positions as LSP counts them by default: 0-based lines and UTF-16 code units, against
/// Copydesk's 1-based lines and Unicode-scalar columns. Lines end as Copydesk ends them (LF,
/// CR LF or a lone CR), as LSP does.
struct UTF16Positions {
    let lines: [Substring]

    init(_ text: String) {
        lines = LineCursor.lines(of: text)
    }

    /// The LSP position of a Copydesk location; a column past the line's end is its end.
    func position(_ location: SourceLocation) -> [String: Int] {
        let line = min(max(location.line, 1), lines.count) - 1
        var units = 0, column = 1
        for scalar in lines[line].unicodeScalars {
            if column >= location.column { break }
            units += UTF16.width(scalar)
            column += 1
        }
        return ["line": line, "character": units]
    }

    func range(_ range: SourceRange) -> [String: Any] {
        ["start": position(range.start), "end": position(range.end)]
    }

    /// The Copydesk location of an LSP position; a unit inside a surrogate pair is its scalar.
    func location(_ position: [String: Any]) -> SourceLocation {
        let line = min(max((position["line"] as? Int) ?? 0, 0), lines.count - 1)
        let wanted = (position["character"] as? Int) ?? 0
        var units = 0, column = 1
        for scalar in lines[line].unicodeScalars {
            units += UTF16.width(scalar)
            if units > wanted { break }
            column += 1
        }
        return SourceLocation(line: line + 1, column: column)
    }

    /// The whole text's range, for an edit that replaces it.
    var whole: [String: Any] {
        ["start": ["line": 0, "character": 0],
         "end": ["line": lines.count - 1, "character": lines[lines.count - 1].utf16.count]]
    }
}
