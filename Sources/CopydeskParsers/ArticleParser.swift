import CopydeskCore

/// A source file's text, already checked to be valid UTF-8.
public struct SourceText: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Turns one markup format into an `Article` with source positions.
///
/// A new format is a type conforming to this protocol plus one line in `ParserRegistry.builtins`.
public protocol ArticleParser: Sendable {
    /// The format name reported in output (`text`, `markdown`, `html`).
    static var format: String { get }
    /// File extensions (lower case, no dot) this parser reads.
    static var extensions: [String] { get }
    init()
    /// Parses a file; throws `InputError` for malformed input it cannot recover from.
    func parse(_ source: SourceText) throws -> Article
}

/// The parsers Copydesk knows, looked up by file extension.
public struct ParserRegistry: Sendable {
    public static let builtins: [any ArticleParser.Type] = [
        PlainTextParser.self,
        MarkdownParser.self,
        HTMLParser.self,
    ]

    public let parsers: [any ArticleParser.Type]

    public init(_ parsers: [any ArticleParser.Type] = ParserRegistry.builtins) {
        self.parsers = parsers
    }

    /// Every extension some parser reads.
    public var extensions: Set<String> { Set(parsers.flatMap { $0.extensions }) }

    /// The parser for a path, by extension; plain text when the extension is unknown.
    public func parser(for path: String) -> any ArticleParser.Type {
        let ext = path.split(separator: "/").last.flatMap { name -> String? in
            guard let dot = name.lastIndex(of: ".") else { return nil }
            return name[name.index(after: dot)...].lowercased()
        } ?? ""
        return parsers.first { $0.extensions.contains(ext) } ?? PlainTextParser.self
    }

    /// The parser for a format name, if any.
    public func parser(format: String) -> (any ArticleParser.Type)? {
        parsers.first { $0.format == format }
    }
}
