import CopydeskCore

/// One linted file as reporters see it.
public struct FileReport: Sendable {
    /// The lines of `text` that `diagnostics` touch (start, end, related, fixes): all a reporter needs of the source.
    public static func lines(of text: String, for diagnostics: [Diagnostic]) -> [Int: String] {
        var wanted = Set<Int>()
        for d in diagnostics {
            wanted.formUnion([d.range.start.line, d.range.end.line])
            wanted.formUnion(d.related.flatMap { [$0.range.start.line, $0.range.end.line] })
            wanted.formUnion(d.fix?.edits.flatMap { [$0.range.start.line, $0.range.end.line] } ?? [])
        }
        guard !wanted.isEmpty else { return [:] }
        var result: [Int: String] = [:]   // copies: a Substring would keep the whole file alive
        for (i, line) in LineCursor.lines(of: text).enumerated() where wanted.contains(i + 1) { result[i + 1] = String(line) }
        return result
    }

    public var path: String
    /// `text`, `markdown`, `html`.
    public var format: String
    public var diagnostics: [Diagnostic]
    /// Why the file could not be linted, if it could not.
    public var error: InputError?
    /// The source lines the diagnostics touch (1-based line number → text), for reporters that show source.
    public var lines: [Int: String]
    /// The article as a reader sees it, with the findings in place, when the linter was asked to
    /// keep it (`Linter.keepsReadingView`, for the HTML report).
    public var reading: [ReadingBlock]?

    /// The UTF-8 byte column (1-based) of a scalar column, for formats that count bytes (rdjson).
    public func byteColumn(_ location: SourceLocation) -> Int {
        guard let line = lines[location.line] else { return location.column }
        return line.unicodeScalars.prefix(max(0, location.column - 1)).reduce(1) { $0 + UTF8.width($1) }
    }

    public init(path: String, format: String, diagnostics: [Diagnostic], error: InputError? = nil,
                lines: [Int: String] = [:]) {
        self.path = path
        self.format = format
        self.diagnostics = diagnostics
        self.error = error
        self.lines = lines
    }
}

/// Facts about a rule that reporters may print (SARIF rule metadata, help text).
public struct RuleInfo: Sendable {
    public var id: String
    /// One sentence.
    public var summary: String
    /// The rule's description, worked out when a reporter asks for it (a shipped rule reads its
    /// description then: `RuleDetails`).
    public var help: String { helpText() }
    private let helpText: @Sendable () -> String
    public var severity: Severity

    public init(id: String, summary: String, help: @autoclosure @escaping @Sendable () -> String = "", severity: Severity) {
        self.id = id
        self.summary = summary
        helpText = help
        self.severity = severity
    }
}

/// Everything a run produced.
public struct RunReport: Sendable {
    public var files: [FileReport]
    public var rules: [RuleInfo]
    public var toolVersion: String
    /// Whether colors may be used.
    public var color: Bool

    public init(files: [FileReport], rules: [RuleInfo], toolVersion: String, color: Bool = false) {
        self.files = files
        self.rules = rules
        self.toolVersion = toolVersion
        self.color = color
    }

    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == severity }.count }
    }
}

/// An output format. A new format is a type conforming to this plus one line in `ReporterRegistry.builtins`.
public protocol Reporter: Sendable {
    /// The `--format` name.
    static var name: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    /// What the format reads of a file beyond its findings: the linter keeps only that.
    static var needs: ReportNeeds { get }
    init()
    func render(_ report: RunReport) -> String
}

extension Reporter {
    public static var needs: ReportNeeds { [] }
}

/// What reports keep of each file beyond its findings. A format that needs neither lets an
/// archive be linted in memory that grows with its findings, not with its pages' lines.
public struct ReportNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The source lines the findings touch (`FileReport.lines`).
    public static let sourceLines = ReportNeeds(rawValue: 1)
    /// The article as a reader sees it (`FileReport.reading`).
    public static let readingView = ReportNeeds(rawValue: 2)
}

/// The output formats, looked up by name.
public enum ReporterRegistry {
    public static let builtins: [any Reporter.Type] = [
        TextReporter.self,
        JSONReporter.self,
        JSONLinesReporter.self,
        SARIFReporter.self,
        JUnitReporter.self,
        CheckstyleReporter.self,
        GitHubReporter.self,
        GitLabReporter.self,
        RDJSONReporter.self,
        MarkdownReporter.self,
        HTMLReporter.self,
    ]

    public static func reporter(named name: String) -> (any Reporter.Type)? {
        builtins.first { $0.name == name }
    }
}
