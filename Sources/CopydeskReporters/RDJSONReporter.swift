import CopydeskCore

/// reviewdog Diagnostic Format (rdjson), with fixes as suggestions. Columns are UTF-8
/// bytes, as reviewdog counts them.
public struct RDJSONReporter: Reporter {
    public static let name = "rdjson"
    public static let summary = "reviewdog diagnostic format (reviewdog -f=rdjson), fixes as suggestions"
    public static let needs: ReportNeeds = .sourceLines   // byte columns are counted on them

    public init() {}

    static func range(_ r: SourceRange, _ file: FileReport) -> JSONValue {
        .object([("start", .object([("line", .int(r.start.line)), ("column", .int(file.byteColumn(r.start)))])),
                 ("end", .object([("line", .int(r.end.line)), ("column", .int(file.byteColumn(r.end)))]))])
    }

    public func render(_ report: RunReport) -> String {
        var diagnostics: [JSONValue] = []
        for file in report.files {
            if let error = file.error {
                diagnostics.append(.object([
                    ("message", .string(error.message)),
                    ("location", .object([("path", .string(file.path)),
                                          ("range", error.location.map { Self.range(SourceRange(at: $0), file) })])),
                    ("severity", .string("ERROR")), ("code", .object([("value", .string("input"))]))]))
            }
            for d in file.diagnostics {
                let severity = d.severity == .error ? "ERROR" : d.severity == .warning ? "WARNING" : "INFO"
                diagnostics.append(.object([
                    ("message", .string(d.message)),
                    ("location", .object([("path", .string(file.path)), ("range", Self.range(d.range, file))])),
                    ("severity", .string(severity)),
                    ("source", .object([("name", .string("copydesk"))])),
                    ("code", .object([("value", .string(d.rule))])),
                    ("suggestions", d.fix.map { fix in
                        .array(fix.edits.map { .object([("range", Self.range($0.range, file)), ("text", .string($0.replacement))]) })
                    }),
                    ("related_locations", d.related.isEmpty ? nil : .array(d.related.map {
                        .object([("message", .string($0.message)),
                                 ("location", .object([("path", .string(file.path)), ("range", Self.range($0.range, file))]))])
                    }))]))
            }
        }
        return JSONValue.object([("source", .object([("name", .string("copydesk"))])), ("diagnostics", .array(diagnostics))]).render()
    }
}
