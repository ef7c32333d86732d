import CopydeskCore

/// SARIF 2.1.0, as GitHub code scanning accepts it: rule metadata, partial fingerprints,
/// related locations, fixes, and input errors as tool execution notifications.
public struct SARIFReporter: Reporter {
    public static let name = "sarif"
    public static let summary = "SARIF 2.1.0 (GitHub code scanning, other SARIF viewers)"

    public init() {}

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .suggestion: "note"
        }
    }

    static func region(_ range: SourceRange, snippet: String? = nil) -> JSONValue {
        .object([("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column)),
                 ("endLine", .int(range.end.line)), ("endColumn", .int(range.end.column)),
                 ("snippet", snippet.map { .object([("text", .string($0))]) })])
    }

    static func location(_ path: String, _ range: SourceRange, snippet: String? = nil, message: String? = nil, id: Int? = nil) -> JSONValue {
        .object([("id", id.map { .int($0) }),
                 ("physicalLocation", .object([("artifactLocation", .object([("uri", .string(uri(path)))])),
                                               ("region", region(range, snippet: snippet))])),
                 ("message", message.map { .object([("text", .string($0))]) })])
    }

    /// A relative URI reference for a path: forward slashes, spaces and '%' escaped.
    static func uri(_ path: String) -> String {
        path.withoutDotSlash.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: " ", with: "%20")
    }

    public func render(_ report: RunReport) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
        let rules: [JSONValue] = report.rules.map { rule in
            .object([("id", .string(rule.id)), ("name", .string(rule.id)),
                     ("shortDescription", .object([("text", .string(rule.summary))])),
                     ("fullDescription", .object([("text", .string(rule.help.isEmpty ? rule.summary : rule.help))])),
                     ("help", .object([("text", .string(rule.help.isEmpty ? rule.summary : rule.help))])),
                     ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))]))])
        }
        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        for file in report.files {
            if let error = file.error {
                let loc = error.location.map { SourceRange(at: $0) }
                notifications.append(.object([
                    ("level", .string("error")), ("message", .object([("text", .string("\(file.path): \(error.message)"))])),
                    ("locations", loc.map { .array([Self.location(file.path, $0)]) })]))
                continue
            }
            for d in file.diagnostics {
                let fix: JSONValue? = d.fix.map { fix in
                    .array([.object([
                        ("description", .object([("text", .string("Apply the \(d.rule) fix"))])),
                        ("artifactChanges", .array([.object([
                            ("artifactLocation", .object([("uri", .string(Self.uri(file.path)))])),
                            ("replacements", .array(fix.edits.map { edit in
                                .object([("deletedRegion", Self.region(edit.range)),
                                         ("insertedContent", .object([("text", .string(edit.replacement))]))])
                            }))])]))])])
                }
                results.append(.object([
                    ("ruleId", .string(d.rule)), ("ruleIndex", ruleIndex[d.rule].map { .int($0) }),
                    ("level", .string(Self.level(d.severity))), ("message", .object([("text", .string(d.message))])),
                    ("locations", .array([Self.location(file.path, d.range, snippet: d.excerpt)])),
                    ("relatedLocations", d.related.isEmpty ? nil : .array(d.related.enumerated().map {
                        Self.location(file.path, $1.range, message: $1.message, id: $0 + 1)
                    })),
                    ("partialFingerprints", .object([("copydesk/v1", .string(Fingerprint.of(d)))])),
                    // SARIF's rank is a priority from 0 to 100: the confidence, scaled
                    ("rank", d.confidence.map { .number(($0 * 100).rounded()) }),
                    ("fixes", fix)]))
            }
        }
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object([
                ("name", .string("copydesk")), ("version", .string(report.toolVersion)),
                ("semanticVersion", .string(report.toolVersion)), ("rules", .array(rules))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(notifications.isEmpty)),
                ("toolExecutionNotifications", notifications.isEmpty ? nil : .array(notifications))])])),
            ("results", .array(results))])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")), ("runs", .array([run]))]).render()
    }
}
