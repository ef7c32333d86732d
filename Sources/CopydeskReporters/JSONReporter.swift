import CopydeskCore

/// The stable, documented JSON output (see README "JSON output").
public struct JSONReporter: Reporter {
    public static let name = "json"
    public static let summary = "stable JSON document: files, diagnostics, summary"

    public init() {}

    /// What `--fix-dry-run --format json` prints: per file, the edits of each fixing pass (a pass's
    /// positions are in the text the previous pass left) and the unified diff of the whole change.
    public static func renderFixes(_ files: [(path: String, passes: [[TextEdit]], diff: String)]) -> String {
        JSONValue.object([
            ("tool", .object([("name", .string("copydesk"))])),
            ("files", .array(files.map { file in
                .object([("path", .string(file.path)),
                         ("passes", .array(file.passes.map { .array($0.map(edit)) })),
                         ("diff", .string(file.diff))])
            })),
        ]).render()
    }

    static func edit(_ e: TextEdit) -> JSONValue {
        .object(range(e.range) + [("replacement", .string(e.replacement)), ("expected", e.expected.map { .string($0) })])
    }

    static func range(_ r: SourceRange) -> [(String, JSONValue?)] {
        [("line", .int(r.start.line)), ("column", .int(r.start.column)), ("endLine", .int(r.end.line)), ("endColumn", .int(r.end.column))]
    }

    /// One file's entry: path, format, diagnostics and, when it could not be linted, the error.
    static func file(_ file: FileReport) -> [(String, JSONValue?)] {
            [
                ("path", .string(file.path)), ("format", .string(file.format)),
                ("diagnostics", .array(file.diagnostics.map { d in
                    .object([("rule", .string(d.rule)), ("severity", .string(d.severity.rawValue)), ("message", .string(d.message))]
                            + Self.range(d.range)
                            + [("excerpt", .string(d.excerpt)),
                               ("related", .array(d.related.map { .object(Self.range($0.range) + [("message", .string($0.message))]) })),
                               ("fix", d.fix.map { fix in
                                   .object([("edits", .array(fix.edits.map(Self.edit)))])
                               }),
                               ("confidence", d.confidence.map { .number($0) }),
                               ("evidence", d.evidence.isEmpty ? nil : .object(d.evidence.map { ($0.name, .number($0.value)) }))])
                })),
                ("error", file.error.map { error in
                    .object([("message", .string(error.message)), ("line", error.location.map { .int($0.line) }),
                             ("column", error.location.map { .int($0.column) })])
                }),
            ]
    }

    public func render(_ report: RunReport) -> String {
        let files: [JSONValue] = report.files.map { .object(Self.file($0)) }
        return JSONValue.object([
            ("tool", .object([("name", .string("copydesk")), ("version", .string(report.toolVersion))])),
            ("files", .array(files)),
            ("summary", .object([("files", .int(report.files.count)), ("errors", .int(report.count(.error))),
                                 ("warnings", .int(report.count(.warning))), ("suggestions", .int(report.count(.suggestion))),
                                 ("inputErrors", .int(report.files.filter { $0.error != nil }.count))])),
        ]).render()
    }
}
