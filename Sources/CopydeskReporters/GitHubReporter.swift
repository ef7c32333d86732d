import CopydeskCore

/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation a finding.
public struct GitHubReporter: Reporter {
    public static let name = "github"
    public static let summary = "GitHub Actions annotations (::error file=…,line=…::message)"

    public init() {}

    /// The runner's escaping for a command's message.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// The runner's escaping for a property value (also ':' and ',').
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func render(_ report: RunReport) -> String {
        var out = ""
        for file in report.files {
            let path = file.path.withoutDotSlash
            if let error = file.error {
                var props = "file=\(Self.escapeProperty(path))"
                if let loc = error.location { props += ",line=\(loc.line),col=\(loc.column)" }
                out += "::error \(props),title=copydesk::\(Self.escapeData(error.message))\n"
            }
            for d in file.diagnostics {
                let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
                var props = "file=\(Self.escapeProperty(path)),line=\(d.range.start.line),col=\(d.range.start.column)"
                props += ",endLine=\(d.range.end.line)"
                if d.range.end.line == d.range.start.line { props += ",endColumn=\(d.range.end.column)" }
                props += ",title=\(Self.escapeProperty(d.rule))"
                out += "::\(command) \(props)::\(Self.escapeData(d.message))\n"
            }
        }
        return out
    }
}
