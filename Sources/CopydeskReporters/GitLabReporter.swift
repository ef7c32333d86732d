import CopydeskCore

/// GitLab Code Quality report (the `codequality` artifact): a JSON array of issues.
public struct GitLabReporter: Reporter {
    public static let name = "gitlab"
    public static let summary = "GitLab Code Quality JSON (artifacts:reports:codequality)"

    public init() {}

    static func severity(_ s: Severity) -> String {
        switch s {
        case .error: "major"
        case .warning: "minor"
        case .suggestion: "info"
        }
    }

    public func render(_ report: RunReport) -> String {
        var issues: [JSONValue] = []
        for file in report.files {
            let path = file.path.withoutDotSlash
            if let error = file.error {
                let line = error.location?.line ?? 1
                issues.append(.object([
                    ("type", .string("issue")), ("description", .string(error.message)), ("check_name", .string("copydesk-input")),
                    ("fingerprint", .string(Fingerprint.hash("input\u{1F}" + path))), ("severity", .string("blocker")),
                    ("location", .object([("path", .string(path)), ("lines", .object([("begin", .int(line))]))]))]))
            }
            // identical findings in one file get distinct fingerprints by occurrence
            var seen: [String: Int] = [:]
            for d in file.diagnostics {
                let base = Fingerprint.of(d)
                let n = seen[base, default: 0]
                seen[base] = n + 1
                issues.append(.object([
                    ("type", .string("issue")), ("description", .string(d.message)), ("check_name", .string(d.rule)),
                    ("fingerprint", .string(Fingerprint.hash(path + "\u{1F}" + base + "\u{1F}\(n)"))),
                    ("severity", .string(Self.severity(d.severity))),
                    ("location", .object([("path", .string(path)),
                                          ("lines", .object([("begin", .int(d.range.start.line)), ("end", .int(d.range.end.line))]))]))]))
            }
        }
        return JSONValue.array(issues).render()
    }
}
