import CopydeskCore

/// Compiler-style output: `path:line:col: severity: message [rule]`, the source line and a caret.
public struct TextReporter: Reporter {
    public static let name = "text"
    public static let summary = "compiler style, with the source line and a caret (default)"

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
            for d in file.diagnostics {
                let color = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
                out += "\(file.path):\(d.range.start.line):\(d.range.start.column): \(paint(d.severity.rawValue, color)): "
                out += "\(d.message) [\(d.rule)]\n"
                if d.range.start.line >= 1, d.range.start.line <= file.lines.count {
                    let line = file.lines[d.range.start.line - 1]
                    let shown = String(line.unicodeScalars.prefix(160))
                    out += "    \(shown)\n"
                    let caretColumn = min(d.range.start.column, 161)
                    let width = d.range.end.line == d.range.start.line
                        ? max(1, min(d.range.end.column, 161) - caretColumn) : 1
                    out += "    " + String(repeating: " ", count: caretColumn - 1)
                        + paint("^" + String(repeating: "~", count: max(0, width - 1)), "32") + "\n"
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
