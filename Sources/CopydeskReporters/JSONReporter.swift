import CopydeskCore
import Foundation

/// The stable, documented JSON output (see README "JSON output").
public struct JSONReporter: Reporter {
    public static let name = "json"
    public static let summary = "stable JSON document: files, diagnostics, summary"

    public init() {}

    struct Document: Encodable {
        struct Tool: Encodable { var name: String; var version: String }
        struct File: Encodable {
            var path: String
            var format: String
            var diagnostics: [Item]
            var error: ErrorItem?
        }
        struct ErrorItem: Encodable { var message: String; var line: Int?; var column: Int? }
        struct Related: Encodable { var line: Int; var column: Int; var endLine: Int; var endColumn: Int; var message: String }
        struct Edit: Encodable { var line: Int; var column: Int; var endLine: Int; var endColumn: Int; var replacement: String }
        struct FixItem: Encodable { var edits: [Edit] }
        struct Item: Encodable {
            var rule: String
            var severity: String
            var message: String
            var line: Int
            var column: Int
            var endLine: Int
            var endColumn: Int
            var excerpt: String
            var related: [Related]
            var fix: FixItem?
        }
        struct Summary: Encodable { var files: Int; var errors: Int; var warnings: Int; var suggestions: Int; var inputErrors: Int }
        var tool: Tool
        var files: [File]
        var summary: Summary
    }

    public func render(_ report: RunReport) -> String {
        let files = report.files.map { file in
            Document.File(
                path: file.path, format: file.format,
                diagnostics: file.diagnostics.map { d in
                    Document.Item(
                        rule: d.rule, severity: d.severity.rawValue, message: d.message,
                        line: d.range.start.line, column: d.range.start.column,
                        endLine: d.range.end.line, endColumn: d.range.end.column, excerpt: d.excerpt,
                        related: d.related.map {
                            Document.Related(line: $0.range.start.line, column: $0.range.start.column,
                                             endLine: $0.range.end.line, endColumn: $0.range.end.column, message: $0.message)
                        },
                        fix: d.fix.map { fix in
                            Document.FixItem(edits: fix.edits.map {
                                Document.Edit(line: $0.range.start.line, column: $0.range.start.column,
                                              endLine: $0.range.end.line, endColumn: $0.range.end.column,
                                              replacement: $0.replacement)
                            })
                        })
                },
                error: file.error.map { Document.ErrorItem(message: $0.message, line: $0.location?.line, column: $0.location?.column) })
        }
        let document = Document(
            tool: .init(name: "copydesk", version: report.toolVersion), files: files,
            summary: .init(files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
                           suggestions: report.count(.suggestion), inputErrors: report.files.filter { $0.error != nil }.count))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
