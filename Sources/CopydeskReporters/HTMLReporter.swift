import CopydeskCore

/// A self-contained HTML page an editor can open: per file, each finding on its source
/// line with the flagged text highlighted, the message, and the rule.
public struct HTMLReporter: Reporter {
    public static let name = "html"
    public static let summary = "self-contained HTML report: findings highlighted on their lines"

    public init() {}

    static let style = """
        body{font:15px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:60em;color:#222}
        h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ddd}
        .finding{margin:.8em 0;padding:.5em .8em;border-left:4px solid #999;background:#fafafa}
        .error{border-color:#c62828}.warning{border-color:#ef6c00}.suggestion{border-color:#1565c0}
        .where{color:#666;font-size:.9em}.rule{font-family:monospace;color:#555}
        .line{font-family:Georgia,serif;white-space:pre-wrap;margin:.3em 0}mark{background:#ffe082;padding:0 .1em}
        .input{color:#c62828}
        """

    /// The line with the flagged columns wrapped in <mark>, trimmed to a window around them.
    static func highlighted(_ line: String, _ range: SourceRange) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(max(0, range.start.column - 1), scalars.count)
        let end = range.end.line == range.start.line ? min(max(start, range.end.column - 1), scalars.count) : scalars.count
        let from = max(0, start - 120), to = min(scalars.count, end + 120)
        func text(_ r: Range<Int>) -> String { xmlEscape(String(String.UnicodeScalarView(scalars[r]))) }
        return (from > 0 ? "…" : "") + text(from..<start) + "<mark>" + text(start..<end) + "</mark>" + text(end..<to)
            + (to < scalars.count ? "…" : "")
    }

    public func render(_ report: RunReport) -> String {
        let errors = report.count(.error), warnings = report.count(.warning), suggestions = report.count(.suggestion)
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Copydesk report</title>"
        out += "<style>\(Self.style)</style></head><body>\n<h1>Copydesk report</h1>\n"
        out += "<p>\(report.files.count) files: \(errors) errors, \(warnings) warnings, \(suggestions) suggestions.</p>\n"
        for file in report.files where file.error != nil || !file.diagnostics.isEmpty {
            out += "<h2>\(xmlEscape(file.path))</h2>\n"
            if let error = file.error {
                let at = error.location.map { " (line \($0.line), column \($0.column))" } ?? ""
                out += "<p class=\"input\">Could not lint this file\(at): \(xmlEscape(error.message))</p>\n"
            }
            for d in file.diagnostics {
                out += "<div class=\"finding \(d.severity.rawValue)\"><div class=\"where\">line \(d.range.start.line), column "
                out += "\(d.range.start.column) · \(d.severity.rawValue) · <span class=\"rule\">\(xmlEscape(d.rule))</span></div>\n"
                if let line = file.lines[d.range.start.line] {
                    out += "<div class=\"line\">\(Self.highlighted(line, d.range))</div>\n"
                }
                out += "<div>\(xmlEscape(d.message))</div></div>\n"
            }
        }
        return out + "</body></html>\n"
    }
}
