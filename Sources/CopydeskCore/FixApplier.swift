/// Applies fixes to a source text, and shows them as a unified diff.
public enum FixApplier {
    /// The text with `edits` applied. Edits are applied in source order; one that overlaps an
    /// edit already taken is dropped (a later run will offer it again if it still applies).
    public static func apply(_ edits: [TextEdit], to text: String) -> (text: String, applied: [TextEdit]) {
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (i, s) in scalars.enumerated() where LineCursor.endsLine(s, next: i + 1 < scalars.count ? scalars[i + 1] : nil) {
            lineStarts.append(i + 1)
        }
        func offset(_ l: SourceLocation) -> Int? {
            guard l.line >= 1, l.line <= lineStarts.count else { return l.line == lineStarts.count + 1 && l.column == 1 ? scalars.count : nil }
            let lineEnd = l.line < lineStarts.count ? lineStarts[l.line] : scalars.count
            let o = lineStarts[l.line - 1] + l.column - 1
            return o <= lineEnd ? o : nil
        }
        let located = edits.compactMap { e -> (Range<Int>, TextEdit)? in
            guard let a = offset(e.range.start), let b = offset(e.range.end), a <= b else { return nil }
            if let expected = e.expected, folded(scalars[a..<b]) != folded(expected.unicodeScalars) { return nil }
            return (a..<b, e)
        }.sorted { ($0.0.lowerBound, $0.0.upperBound) < ($1.0.lowerBound, $1.0.upperBound) }
        var out = String.UnicodeScalarView()
        var cursor = 0
        var applied: [TextEdit] = []
        for (range, edit) in located where range.lowerBound >= cursor {
            out.append(contentsOf: scalars[cursor..<range.lowerBound])
            out.append(contentsOf: edit.replacement.unicodeScalars)
            cursor = range.upperBound
            applied.append(edit)
        }
        out.append(contentsOf: scalars[cursor...])
        return (String(out), applied)
    }

    /// Text with runs of white space folded to one space and the ends trimmed.
    static func folded<S: Sequence>(_ text: S) -> String where S.Element == Unicode.Scalar {
        var out = String.UnicodeScalarView()
        var space = false
        for s in text {
            if s.isSpace { space = !out.isEmpty; continue }
            if space { out.append(" ") }
            space = false
            out.append(s)
        }
        return String(out)
    }

    /// The lines of `text`, split at line feeds only (a `\r` before one stays in its line, so CRLF and
    /// mixed files diff byte for byte), and whether the last line ends with a line feed.
    static func lines(_ text: String) -> (lines: [Substring], endsWithNewline: Bool) {
        let scalars = text.unicodeScalars
        var lines: [Substring] = []
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            if scalars[i] == "\n" {
                lines.append(Substring(scalars[start..<i]))
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return (lines, scalars.last == "\n")
    }

    /// A unified diff (`diff -u` style, three lines of context) from `old` to `new`, which `patch -p1`
    /// and `git apply` accept: lines end as they do in the files, and a last line without a line feed
    /// is marked `\ No newline at end of file`.
    public static func unifiedDiff(old: String, new: String, path: String) -> String {
        let (a, aNewline) = lines(old), (b, bNewline) = lines(new)
        let script = diff(a, b)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        let context = 3
        var i = 0
        while i < script.count {
            guard script[i].kind != .same else { i += 1; continue }
            // a hunk: from `context` lines before this change to `context` lines after the last nearby change
            var start = i
            var back = 0
            while start > 0, script[start - 1].kind == .same, back < context { start -= 1; back += 1 }
            var end = i
            var j = i
            while j < script.count {
                if script[j].kind != .same { end = j; j += 1; continue }
                var run = 0
                while j + run < script.count, script[j + run].kind == .same { run += 1 }
                if j + run >= script.count || run > 2 * context { break }
                j += run
            }
            let stop = min(script.count, end + 1 + context)
            let hunk = script[start..<stop]
            let oldStart = (hunk.first { $0.kind != .insert }?.oldLine ?? hunk.first!.oldLine)
            let newStart = (hunk.first { $0.kind != .delete }?.newLine ?? hunk.first!.newLine)
            let oldCount = hunk.filter { $0.kind != .insert }.count, newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for line in hunk {
                out += (line.kind == .same ? " " : line.kind == .delete ? "-" : "+") + line.text + "\n"
                let lastOld = line.kind != .insert && line.oldLine == a.count && !aNewline
                let lastNew = line.kind != .delete && line.newLine == b.count && !bNewline
                if lastOld || lastNew { out += "\\ No newline at end of file\n" }
            }
            i = stop
        }
        return out
    }

    struct DiffLine {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var text: Substring
        /// 1-based line numbers in the old and new text (of the line, or where it would go).
        var oldLine: Int
        var newLine: Int
    }

    /// Myers' O(ND) shortest edit script between two line lists.
    static func diff(_ a: [Substring], _ b: [Substring]) -> [DiffLine] {
        let n = a.count, m = b.count, max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        search: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                // bytes, not characters: canonically equal spellings are still a change
                while x < n, y < m, a[x].utf8.elementsEqual(b[y].utf8) { x += 1; y += 1 }
                v[max + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // walk back through the trace
        var x = n, y = m
        var lines: [DiffLine] = []
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let prevX = v[max + prevK], prevY = prevX - prevK
            while x > prevX, y > prevY {
                lines.append(DiffLine(kind: .same, text: a[x - 1], oldLine: x, newLine: y))
                x -= 1; y -= 1
            }
            if d > 0 {
                if x == prevX {
                    lines.append(DiffLine(kind: .insert, text: b[y - 1], oldLine: x + 1, newLine: y))
                } else {
                    lines.append(DiffLine(kind: .delete, text: a[x - 1], oldLine: x, newLine: y + 1))
                }
            }
            x = prevX; y = prevY
        }
        return lines.reversed()
    }
}
