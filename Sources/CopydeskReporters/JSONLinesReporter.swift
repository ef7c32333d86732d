import CopydeskCore

/// JSON Lines: one compact line per file, `{"id", "path", "format", "diagnostics", "error"}` with the
/// diagnostics of `--format json`, for streaming an archive through a cluster (`--input jsonl`).
public struct JSONLinesReporter: Reporter {
    public static let name = "jsonl"
    public static let summary = "one JSON line per file, as soon as it is done (with --input jsonl, `id` echoed)"

    public init() {}

    /// The line for one article; `id` is echoed as given (a string or a number).
    public static func line(_ file: FileReport, id: JSONLinesInput.ID? = nil) -> String {
        JSONValue.object([("id", id.map(\.json))] + JSONReporter.file(file)).render(indent: false)
    }

    /// The line for an input line that could not be read as an article.
    public static func errorLine(number: Int, id: JSONLinesInput.ID?, message: String) -> String {
        JSONValue.object([("id", id.map(\.json)), ("line", .int(number)),
                          ("error", .object([("message", .string(message))]))]).render(indent: false)
    }

    public func render(_ report: RunReport) -> String {
        report.files.map { Self.line($0) }.joined()
    }
}

extension JSONLinesInput.ID {
    var json: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .int(let n): .int(n)
        }
    }
}
