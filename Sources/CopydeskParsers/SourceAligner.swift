import CopydeskCore

/// The source split into lines of scalars, for mapping parser output back to positions.
struct SourceLines {
    let lines: [[Unicode.Scalar]]

    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lines.append(current)
                current = []
            } else {
                current.append(scalar)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The scalar column (1-based) of a 1-based UTF-8 byte column on a 1-based line.
    func column(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count else { return max(1, byteColumn) }
        var bytes = 0, column = 1
        for scalar in lines[line - 1] {
            if bytes + 1 >= byteColumn { break }
            bytes += UTF8.width(scalar)
            column += 1
        }
        return column
    }
}

/// Finds where each visible scalar a parser produced stands in the source.
///
/// Parsers hand it text in document order with a hint of where that text starts;
/// it walks the source forward, skipping markup (tags, emphasis marks, link targets,
/// entity spellings), and matches scalars one by one. A scalar it cannot find keeps
/// the last good position, so positions are always monotonic and never out of range.
struct SourceAligner {
    let source: SourceLines
    /// Skip `<…>` in the source (HTML).
    let skipTags: Bool
    private(set) var line = 1
    private(set) var column = 1

    init(_ source: SourceLines, skipTags: Bool) {
        self.source = source
        self.skipTags = skipTags
    }

    /// Moves the cursor forward to `location` (never backward).
    mutating func seek(_ location: SourceLocation) {
        if (location.line, location.column) > (line, column) {
            line = location.line
            column = location.column
        }
    }

    /// Appends `text` to `builder`, each scalar at its aligned source position.
    mutating func append<S: Sequence>(_ text: S, to builder: inout TextBuilder) where S.Element == Unicode.Scalar {
        for scalar in text {
            builder.append(scalar, at: locate(scalar))
        }
    }

    /// The position of the next occurrence of `scalar`, within a bounded look-ahead.
    mutating func locate(_ scalar: Unicode.Scalar) -> SourceLocation {
        let fallback = SourceLocation(line: line, column: column)
        if scalar.isSpace {
            return fallback
        }
        var l = line, c = column, budget = 4000
        while l <= source.lines.count, budget > 0 {
            let chars = source.lines[l - 1]
            while c <= chars.count, budget > 0 {
                budget -= 1
                let ch = chars[c - 1]
                if skipTags, ch == "<" {
                    // jump past the tag, possibly over lines
                    var (tl, tc) = (l, c)
                    var found = false
                    var tagBudget = 2000
                    while tl <= source.lines.count, tagBudget > 0, !found {
                        let tchars = source.lines[tl - 1]
                        while tc <= tchars.count {
                            tagBudget -= 1
                            if tchars[tc - 1] == ">" { found = true; break }
                            tc += 1
                        }
                        if !found { tl += 1; tc = 1 }
                    }
                    if found {
                        l = tl
                        c = tc + 1
                        continue
                    }
                }
                if ch == scalar || (ch == "\u{A0}" && scalar == " ") {
                    line = l
                    column = c + 1
                    return SourceLocation(line: l, column: c)
                }
                c += 1
            }
            l += 1
            c = 1
        }
        return fallback
    }
}
