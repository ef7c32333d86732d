import CopydeskChecks
import CopydeskConfig
import CopydeskCore
import CopydeskParsers
import CopydeskReporters
import Foundation

/// The library entry point: parse articles and lint them with a configuration.
///
/// ```swift
/// let linter = try Linter(configuration: .defaults())
/// let report = linter.lint(text: story, path: "story.md")
/// ```
public struct Linter: Sendable {
    public static let version = "0.1.0"

    public let configuration: Configuration
    public let engine: Engine
    public let parsers: ParserRegistry
    /// The check kinds rules can name.
    public let registry: CheckKindRegistry
    /// Every configured rule id, for checking suppression comments.
    private let ruleIDs: Set<String>
    /// Files larger than this many bytes are refused with an error instead of being read.
    public var maxFileSize = Linter.defaultMaxFileSize
    /// What reports keep beyond findings, for the formats that will read them: by default the
    /// source lines the findings touch, not the reader's view (the HTML report's), which costs
    /// memory per file. An archive reported as JSON keeps neither.
    public var keeps: ReportNeeds = .sourceLines
    /// 64 MiB: some seventy times the largest page of the corpus (0.9 MB), and about a minute
    /// and 2.5 GB of work; a bigger "article" is an export or a dump, better split than waited on.
    public static let defaultMaxFileSize = 64 << 20

    /// Builds the engine; throws `ConfigError` for a rule whose kind or parameters are bad.
    public init(configuration: Configuration, registry: CheckKindRegistry = .builtins,
                parsers: ParserRegistry = ParserRegistry(), currentYear: Int = Linter.currentYear()) throws {
        self.configuration = configuration
        self.parsers = parsers
        self.registry = registry
        ruleIDs = Set(configuration.rules.map(\.id))
        engine = Engine(rules: try configuration.compile(registry: registry), currentYear: currentYear)
    }

    /// This year in local time. Read with `localtime_r`: building a `Calendar` costs a third of a
    /// millisecond of every run's start-up.
    public static func currentYear() -> Int {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Int(parts.tm_year) + 1900
    }

    /// Parses one article; `format` forces a parser, else the path's extension picks one.
    public func parse(text: String, path: String, format: String? = nil) throws -> Article {
        let parser = format.flatMap { parsers.parser(format: $0) } ?? parsers.parser(for: path)
        return try parser.init().parse(SourceText(path: path, text: text))
    }

    /// The id of the finding for a suppression comment that names no known rule.
    public static let unknownSuppressionRule = "suppression-unknown-rule"
    /// The id of the finding for a suppression comment that silences nothing (ESLint's unused directive).
    public static let unusedSuppressionRule = "suppression-unused"

    /// Lints one article given as text.
    public func lint(text: String, path: String, format: String? = nil, published: PublicationDate? = nil) -> FileReport {
        let parser = format.flatMap { parsers.parser(format: $0) } ?? parsers.parser(for: path)
        do {
            var article = try parser.init().parse(SourceText(path: path, text: text))
            if let published {
                article.published = published
                article.shownDate = nil
            }
            let unknown = article.suppressions.mentioned.filter { !ruleIDs.contains($0.rule) }.map { item in
                Diagnostic(rule: Self.unknownSuppressionRule, severity: .warning,
                           message: "Suppression names an unknown rule '\(item.rule)'\(Suggestion.hint(for: item.rule, among: ruleIDs.sorted())) (see `copydesk rules`)",
                           range: SourceRange(at: SourceLocation(line: max(1, item.line), column: 1)), excerpt: item.rule)
            }
            var used = Set<Int>()
            let found = engine.lint(article, usedSuppressions: &used)
            let regions = article.suppressions.regions
            let unused = regions.indices.filter { !used.contains($0) && regions[$0].rule.map(ruleIDs.contains) != false }.map { i in
                let what = regions[i].rule.map { "'\($0)'" } ?? "every rule"
                return Diagnostic(rule: Self.unusedSuppressionRule, severity: .warning,
                                  message: "Suppression of \(what) silences nothing here; remove it",
                                  range: SourceRange(at: SourceLocation(line: regions[i].directiveLine, column: 1)),
                                  excerpt: regions[i].rule ?? "copydesk-disable")
            }
            let diagnostics = configuration.adjust((found + unknown + unused).sorted(by: Diagnostic.ordered),
                                                   forPath: FileDiscovery.relative(path, to: configuration.baseDirectory))
            var report = FileReport(path: path, format: parser.format, diagnostics: diagnostics,
                                    lines: keeps.contains(.sourceLines) ? FileReport.lines(of: text, for: diagnostics) : [:])
            if keeps.contains(.readingView) { report.reading = ReadingBlock.blocks(of: article, diagnostics: diagnostics) }
            return report
        } catch let error as InputError {
            return FileReport(path: path, format: parser.format, diagnostics: [], error: error)
        } catch {
            return FileReport(path: path, format: parser.format, diagnostics: [], error: InputError("\(error)"))
        }
    }

    /// Lints an article that came without a file (a stream line, an HTTP request). `format`
    /// forces a parser, else `path`'s extension picks one, else the text's look (`FormatSniffer`);
    /// `published` is a date like 2024-05-31 and overrides `defaultPublished`. Fails, with the
    /// reason, for an unknown format or a date that is none.
    public func lint(submitted text: String, path: String?, format: String?, published: String?,
                     defaultPublished: PublicationDate? = nil, unnamed: String) -> Result<FileReport, InputError> {
        if let format, parsers.parser(format: format) == nil {
            let known = parsers.parsers.map { $0.format }.joined(separator: ", ")
            return .failure(InputError("unknown format '\(format)'; choose one of: \(known)"))
        }
        var date = defaultPublished
        if let published {
            guard let given = PublicationDate(commandLine: published) else {
                return .failure(InputError("'published' is not a date like 2024-05-31"))
            }
            date = given
        }
        let named = path.map { parsers.extensions.contains(($0 as NSString).pathExtension.lowercased()) } ?? false
        return .success(lint(text: text, path: path ?? unnamed, format: format ?? (named ? nil : FormatSniffer.format(of: text)),
                             published: date))
    }

    /// Lints one file from disk; unreadable or malformed files give a report with `error` set.
    public func lint(file path: String, displayPath: String? = nil, published: PublicationDate? = nil) -> FileReport {
        switch SourceReader.read(path: path, limit: maxFileSize) {
        case .success(let text):
            return lint(text: text, path: displayPath ?? path, published: published)
        case .failure(let error):
            return FileReport(path: displayPath ?? path, format: parsers.parser(for: path).format, diagnostics: [], error: error)
        }
    }

    /// Applies the fixes of fixable rules to a file's text, pass after pass until nothing
    /// changes (one fix can reveal another, as ESLint does; at most 10 passes), so that a
    /// second run has nothing to do. Returns the fixed text (nil when nothing changed), the
    /// edits each pass applied, and the report of what is left.
    public func fix(text: String, path: String, published: PublicationDate? = nil)
        -> (fixed: String?, passes: [[TextEdit]], report: FileReport) {
        let fixable = Set(configuration.rules.filter { registry[$0.kind]?.fixable ?? false }.map(\.id))
        var current = text
        var passes: [[TextEdit]] = []
        var report = lint(text: current, path: path, published: published)
        for _ in 0..<10 {
            let edits = report.diagnostics.filter { fixable.contains($0.rule) }.flatMap { $0.fix?.edits ?? [] }
            guard report.error == nil, !edits.isEmpty else { break }
            let (next, applied) = FixApplier.apply(edits, to: current)
            guard next != current else { break }
            current = next
            passes.append(applied)
            report = lint(text: current, path: path, published: published)
        }
        return (current == text ? nil : current, passes, report)
    }

    /// The outcome of fixing one file.
    public struct FixOutcome: Sendable {
        public var path: String
        /// A unified diff of the change, empty when nothing changed.
        public var diff: String
        /// The edits each fixing pass applied.
        public var passes: [[TextEdit]] = []
        /// What is left to report after fixing (or the file's error).
        public var report: FileReport
        /// Why a fixed file was left unwritten (changed meanwhile, read-only, hard-linked).
        public var refusal: String?
    }

    /// Fixes files, `jobs` at a time; with `write`, changed files are saved by `SafeWriter`
    /// (atomically, only when unchanged since read, mode, owner and byte-order mark kept).
    /// Files with nothing to fix are never touched.
    public func fix(files paths: [String], jobs: Int, write: Bool, allowReadOnly: Bool = false,
                    published: PublicationDate? = nil) async -> [FixOutcome] {
        if write { SafeWriter.removeLeftovers(besides: paths) }
        return await parallelMap(count: paths.count, jobs: jobs) { i in
            let path = paths[i]
            let snapshot: SafeWriter.Snapshot
            let text: String
            switch SafeWriter.Snapshot.read(path, limit: maxFileSize).flatMap({ s in SourceReader.decode(s.data).map { (s, $0) } }) {
            case .success(let (s, t)): (snapshot, text) = (s, t)
            case .failure(let error):
                return FixOutcome(path: path, diff: "", report: FileReport(path: path, format: parsers.parser(for: path).format,
                                                                          diagnostics: [], error: error))
            }
            let (fixed, passes, report) = fix(text: text, path: path, published: published)
            guard let fixed else { return FixOutcome(path: path, diff: "", report: report) }
            if write {
                do {
                    try SafeWriter.write(fixed, over: snapshot, allowReadOnly: allowReadOnly)
                } catch let refusal as SafeWriter.Refusal {
                    return FixOutcome(path: path, diff: "", report: lint(text: text, path: path, published: published),
                                      refusal: refusal.reason)
                } catch {
                    return FixOutcome(path: path, diff: "", report: FileReport(path: path, format: report.format, diagnostics: [],
                                                                              error: error as? InputError ?? InputError("\(error)")))
                }
            }
            return FixOutcome(path: path, diff: FixApplier.unifiedDiff(old: text, new: fixed, path: path.withoutDotSlash),
                              passes: passes, report: report)
        }
    }

    /// Lints many files, `jobs` at a time; reports come back in the order of `paths`.
    /// `progress` is called after each file with the number done so far (from the pool's threads).
    public func lint(files paths: [String], jobs: Int, published: PublicationDate? = nil,
                     progress: (@Sendable (Int) -> Void)? = nil) async -> [FileReport] {
        let done = ProgressCounter()
        return await parallelMap(count: paths.count, jobs: jobs) { i in
            let report = self.lint(file: paths[i], published: published)
            if let progress { progress(done.increment()) }
            return report
        }
    }

    /// The article files under `paths` (folders walked, config include/exclude applied, to files
    /// named in `paths` too with `forceExclude`), and a report with an error for each folder or
    /// link that could not be followed.
    public func discover(_ paths: [String], forceExclude: Bool = false) -> (files: [String], skipped: [FileReport]) {
        let found = FileDiscovery(extensions: parsers.extensions, selects: configuration.selects)
            .files(in: paths, relativeTo: configuration.baseDirectory, forceExclude: forceExclude)
        return (found.files, found.skipped.map {
            FileReport(path: $0.path, format: parsers.parser(for: $0.path).format, diagnostics: [], error: InputError($0.reason))
        })
    }

    /// Rule metadata for reporters.
    public var ruleInfo: [RuleInfo] {
        configuration.rules.map { rule in
            RuleInfo(id: rule.id, summary: CheckKindRegistry.builtins[rule.kind]?.summary ?? rule.message,
                     help: rule.description.trimmingWhitespace(), severity: rule.severity)
        }
    }
}
