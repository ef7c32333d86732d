import CopydeskCore

/// Checkstyle XML, as Jenkins' Warnings plugin and reviewdog (`-f=checkstyle`) read it.
public struct CheckstyleReporter: Reporter {
    public static let name = "checkstyle"
    public static let summary = "Checkstyle XML (Jenkins Warnings, reviewdog -f=checkstyle)"

    public init() {}

    public func render(_ report: RunReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for file in report.files {
            out += "  <file name=\"\(xmlEscape(file.path))\">\n"
            if let error = file.error {
                out += "    <error line=\"\(error.location?.line ?? 1)\" column=\"\(error.location?.column ?? 1)\" severity=\"error\" "
                out += "message=\"\(xmlEscape(error.message))\" source=\"copydesk.input\"/>\n"
            }
            for d in file.diagnostics {
                let severity = d.severity == .suggestion ? "info" : d.severity.rawValue
                out += "    <error line=\"\(d.range.start.line)\" column=\"\(d.range.start.column)\" severity=\"\(severity)\" "
                out += "message=\"\(xmlEscape(d.message))\" source=\"copydesk.\(xmlEscape(d.rule))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}
