import CopydeskCore

/// Compiler-style output: `path:line:col: severity: message [rule]`, the source line and a caret.
public struct TextReporter: Reporter {
    public static let name = "text"
    public static let summary = "compiler style, with the source line and a caret (default)"
    public static let needs: ReportNeeds = .sourceLines

    public init() {}

    public func render(_ report: RunReport) -> String {
        var out = ""
        func paint(_ s: String, _ code: String) -> String { report.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        for file in report.files {
            if let error = file.error {
                let loc = error.location.map { ":\($0.line):\($0.column)" } ?? ""
                out += "\(file.path)\(loc): \(paint("error", "1;31")): \(error.message) [input]\n"
                continue
            }
            // findings come in line order: a line's scalars are taken once, not once per finding
            var cached: (line: Int, scalars: [Unicode.Scalar])?
            for d in file.diagnostics {
                let color = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
                out += "\(file.path):\(d.range.start.line):\(d.range.start.column): \(paint(d.severity.rawValue, color)): "
                out += "\(d.message) [\(d.rule)]\n"
                if let line = file.lines[d.range.start.line] {
                    // a window of the line around the finding, so long lines (HTML) stay readable
                    if cached?.line != d.range.start.line { cached = (d.range.start.line, Array(line.unicodeScalars)) }
                    let scalars = cached!.scalars
                    let from = max(0, min(d.range.start.column - 1, scalars.count) - 40)
                    let to = min(scalars.count, from + 160)
                    let lead = from > 0 ? "…" : ""
                    out += "    " + lead + String(scalars: scalars[from..<to]) + "\n"
                    let caret = d.range.start.column - 1 - from + lead.count
                    let end = d.range.end.line == d.range.start.line ? d.range.end.column - 1 - from + lead.count : caret + 1
                    let width = max(1, min(end, to - from + lead.count) - caret)
                    out += "    " + String(repeating: " ", count: max(0, caret))
                        + paint("^" + String(repeating: "~", count: width - 1), "32") + "\n"
                }
                for related in d.related {
                    out += "\(file.path):\(related.range.start.line):\(related.range.start.column): note: \(related.message)\n"
                }
            }
        }
        let errors = report.count(.error), warnings = report.count(.warning), suggestions = report.count(.suggestion)
        let failed = report.files.filter { $0.error != nil }.count
        out += "\(report.files.count) file\(report.files.count == 1 ? "" : "s") linted: \(errors) error\(errors == 1 ? "" : "s"), "
        out += "\(warnings) warning\(warnings == 1 ? "" : "s"), \(suggestions) suggestion\(suggestions == 1 ? "" : "s")"
        out += failed > 0 ? ", \(failed) unreadable\n" : "\n"
        return out
    }
}
