import CopydeskCore

/// A Markdown summary for pull-request comments: counts, then a table of findings.
public struct MarkdownReporter: Reporter {
    public static let name = "markdown"
    public static let summary = "Markdown summary table for pull-request comments"

    /// Rows past this many are counted, not listed (PR comments have a size limit).
    static let maxRows = 200

    public init() {}

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    public func render(_ report: RunReport) -> String {
        let errors = report.count(.error), warnings = report.count(.warning), suggestions = report.count(.suggestion)
        let unreadable = report.files.filter { $0.error != nil }
        let flagged = report.files.filter { !$0.diagnostics.isEmpty }.count
        var out = "### Copydesk\n\n"
        out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), "
        out += "\(suggestions) suggestion\(suggestions == 1 ? "" : "s") in \(flagged) of \(report.files.count) file\(report.files.count == 1 ? "" : "s")"
        out += unreadable.isEmpty ? ".\n" : "; \(unreadable.count) could not be read.\n"
        let rows = report.files.flatMap { file in file.diagnostics.map { (file.path, $0) } }
        if !rows.isEmpty || !unreadable.isEmpty {
            out += "\n| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n"
            for file in unreadable {
                out += "| `\(Self.cell(file.path))` | \(file.error!.location?.line ?? 0) | error | input | \(Self.cell(file.error!.message)) |\n"
            }
            for (path, d) in rows.prefix(Self.maxRows) {
                out += "| `\(Self.cell(path))` | \(d.range.start.line) | \(d.severity.rawValue) | `\(d.rule)` | \(Self.cell(d.message)) |\n"
            }
            if rows.count > Self.maxRows { out += "\n…and \(rows.count - Self.maxRows) more.\n" }
        }
        return out
    }
}
