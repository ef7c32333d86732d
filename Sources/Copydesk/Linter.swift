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

    /// Builds the engine; throws `ConfigError` for a rule whose kind or parameters are bad.
    public init(configuration: Configuration, registry: CheckKindRegistry = .builtins,
                parsers: ParserRegistry = ParserRegistry(), currentYear: Int = Linter.currentYear()) throws {
        self.configuration = configuration
        self.parsers = parsers
        engine = Engine(rules: try configuration.compile(registry: registry), currentYear: currentYear)
    }

    public static func currentYear() -> Int {
        Calendar(identifier: .gregorian).component(.year, from: Date())
    }

    /// Parses one article; `format` forces a parser, else the path's extension picks one.
    public func parse(text: String, path: String, format: String? = nil) throws -> Article {
        let parser = format.flatMap { parsers.parser(format: $0) } ?? parsers.parser(for: path)
        return try parser.init().parse(SourceText(path: path, text: text))
    }

    /// Lints one article given as text.
    public func lint(text: String, path: String, format: String? = nil, published: PublicationDate? = nil) -> FileReport {
        let parser = format.flatMap { parsers.parser(format: $0) } ?? parsers.parser(for: path)
        do {
            var article = try parser.init().parse(SourceText(path: path, text: text))
            if let published { article.published = published }
            let diagnostics = configuration.adjust(engine.lint(article),
                                                   forPath: FileDiscovery.relative(path, to: configuration.baseDirectory))
            return FileReport(path: path, format: parser.format, diagnostics: diagnostics,
                              lines: FileReport.lines(of: text, for: diagnostics))
        } catch let error as InputError {
            return FileReport(path: path, format: parser.format, diagnostics: [], error: error)
        } catch {
            return FileReport(path: path, format: parser.format, diagnostics: [], error: InputError("\(error)"))
        }
    }

    /// Lints one file from disk; unreadable or malformed files give a report with `error` set.
    public func lint(file path: String, displayPath: String? = nil, published: PublicationDate? = nil) -> FileReport {
        switch SourceReader.read(path: path) {
        case .success(let text):
            return lint(text: text, path: displayPath ?? path, published: published)
        case .failure(let error):
            return FileReport(path: displayPath ?? path, format: parsers.parser(for: path).format, diagnostics: [], error: error)
        }
    }

    /// Lints many files on `jobs` threads; reports come back in the order of `paths`.
    public func lint(files paths: [String], jobs: Int, published: PublicationDate? = nil) -> [FileReport] {
        parallelMap(count: paths.count, jobs: jobs) { self.lint(file: paths[$0], published: published) }
    }

    /// The article files under `paths` (folders walked, config include/exclude applied).
    public func discover(_ paths: [String]) -> [String] {
        FileDiscovery(extensions: parsers.extensions, selects: configuration.selects)
            .files(in: paths, relativeTo: configuration.baseDirectory)
    }

    /// Rule metadata for reporters.
    public var ruleInfo: [RuleInfo] {
        configuration.rules.map { rule in
            RuleInfo(id: rule.id, summary: CheckKindRegistry.builtins[rule.kind]?.summary ?? rule.message,
                     help: rule.description.trimmingCharacters(in: .whitespacesAndNewlines), severity: rule.severity)
        }
    }
}
