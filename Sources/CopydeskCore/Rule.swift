import Foundation

/// Which blocks of an article a rule looks at.
public enum Scope: String, Codable, Sendable, CaseIterable {
    case body, headline, captions, chrome, quotations, all

    /// The block roles in this scope.
    public var roles: Set<BlockRole> {
        switch self {
        case .body: [.body, .blockquote, .heading, .standfirst]
        case .headline: [.headline]
        case .captions: [.caption]
        case .chrome: [.chrome]
        case .quotations: [.body, .blockquote]
        case .all: Set(BlockRole.allCases)
        }
    }
}

/// One example of a rule: an article text and, optionally, its format and publication date.
public struct RuleExample: Sendable, Codable, Hashable {
    public var text: String
    /// `text`, `markdown` or `html`; plain text when nil.
    public var format: String?
    /// A publication date to lint with (`YYYY-MM-DD`).
    public var published: String?
    /// Parameters the example runs with, over the rule's own (e.g. `min_confidence: 0`, to show
    /// what a check recognises below its default threshold).
    public var params: [String: String]
    /// The message every finding of a triggering example must read, when the example states one.
    public var message: String?

    public init(text: String, format: String? = nil, published: String? = nil, params: [String: String] = [:],
                message: String? = nil) {
        self.text = text
        self.format = format
        self.published = published
        self.params = params
        self.message = message
    }

    /// Marks, in a triggering example's text, the exact range each finding must cover:
    /// `The mayor said in an ⟦e-mail⟧ that…` (as SwiftLint marks its examples with `↓`).
    public static let openMarker: Unicode.Scalar = "⟦", closeMarker: Unicode.Scalar = "⟧"

    /// `text` without its markers, and the source range each pair of markers encloses, in order.
    public static func unmarked(_ text: String) -> (text: String, ranges: [SourceRange]) {
        var out = String.UnicodeScalarView()
        var ranges: [SourceRange] = []
        var open: [SourceLocation] = []
        var cursor = LineCursor()
        for scalar in text.unicodeScalars {
            if scalar == openMarker { open.append(cursor.location); continue }
            if scalar == closeMarker, let start = open.popLast() { ranges.append(SourceRange(start: start, end: cursor.location)); continue }
            out.append(scalar)
            _ = cursor.place(scalar)
        }
        return (String(out), ranges.sorted { $0.start < $1.start })
    }

    /// The text to lint: `text` without its markers.
    public var plainText: String { Self.unmarked(text).text }

    /// The ranges the markers of `text` expect findings at.
    public var expectedRanges: [SourceRange] { Self.unmarked(text).ranges }

    /// The rule's parameters with this example's on top.
    public func params(over rule: RuleParams) -> RuleParams {
        guard !params.isEmpty else { return rule }
        return rule.merged(with: RuleParams(params.sorted { $0.key < $1.key }.map { (key: $0.key, value: ParamNode(.scalar($0.value))) }))
    }
}

/// A rule's description and examples. A shipped rule file is mostly these and a lint run needs
/// none of them, so a shipped rule reads them when first asked for (`explain`, SARIF's help text,
/// the example tests); a user's rule file is read whole at once, so that a fault in it is reported.
public final class RuleDetails: @unchecked Sendable {
    public struct Value: Sendable {
        public var description: String
        public var triggering: [RuleExample]
        public var passing: [RuleExample]

        public init(description: String = "", triggering: [RuleExample] = [], passing: [RuleExample] = []) {
            self.description = description
            self.triggering = triggering
            self.passing = passing
        }
    }

    private let lock = NSLock()
    /// Guarded by `lock`: set once read.
    private var known: Value?
    private let read: @Sendable () -> Value

    /// Details known already.
    public init(_ value: Value) {
        known = value
        read = { value }
    }

    /// Details read by `read` when first asked for, once however many threads ask.
    public init(reading read: @escaping @Sendable () -> Value) {
        self.read = read
    }

    /// The description and examples, read on first use.
    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let known { return known }
        let value = read()
        known = value
        return value
    }
}

/// A rule as written in YAML: a check kind with its severity, message, scope and parameters.
public struct Rule: Sendable {
    public var id: String
    public var kind: String
    public var severity: Severity
    public var message: String
    public var scope: Scope
    public var params: RuleParams
    /// The description and examples (`RuleDetails`).
    public var details: RuleDetails
    public var description: String { details.value.description }
    public var triggering: [RuleExample] { details.value.triggering }
    public var passing: [RuleExample] { details.value.passing }
    /// The pack it came from (`editorial`, or a folder path).
    public var pack: String
    public var enabled: Bool
    /// The file it was read from.
    public var file: String

    public init(id: String, kind: String, severity: Severity, message: String, details: RuleDetails = RuleDetails(.init()),
                scope: Scope = .body, params: RuleParams = RuleParams(), pack: String = "", enabled: Bool = true, file: String = "") {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.message = message
        self.details = details
        self.scope = scope
        self.params = params
        self.pack = pack
        self.enabled = enabled
        self.file = file
    }
}

/// What a check sees: the article, the blocks in the rule's scope, and the reference date.
public struct CheckContext: Sendable {
    public let article: Article
    /// Indices of the blocks in the rule's scope, in article order.
    public let blocks: [Int]
    /// Today's year, for "a notice year in the future" when the article has no date.
    public let currentYear: Int

    public init(article: Article, blocks: [Int], currentYear: Int) {
        self.article = article
        self.blocks = blocks
        self.currentYear = currentYear
    }
}

/// A kind of check implemented in Swift, instantiated by rules with parameters.
///
/// A new kind is a type conforming to this protocol plus one line in a registry
/// (`CheckKindRegistry.register`). Checks never print: they return findings.
public protocol CheckKind: Sendable {
    /// The `kind:` name rules use, e.g. `quote-attribution`.
    static var name: String { get }
    /// One sentence for `copydesk rules` and `explain`.
    static var summary: String { get }
    /// Whether findings of this kind carry fixes.
    static var fixable: Bool { get }
    /// Builds the check from a rule's parameters; throws `ParamError` on bad ones.
    init(params: RuleParams) throws
    /// Returns the findings for one article.
    func check(_ context: CheckContext) -> [Finding]
}

/// The check kinds a configuration can name, looked up by `kind:`.
public struct CheckKindRegistry: Sendable {
    public private(set) var kinds: [String: any CheckKind.Type] = [:]

    public init(_ kinds: [any CheckKind.Type] = []) {
        for kind in kinds { register(kind) }
    }

    /// Adds (or replaces) a kind; this is how an embedding program adds its own checks.
    public mutating func register(_ kind: any CheckKind.Type) {
        kinds[kind.name] = kind
    }

    public subscript(name: String) -> (any CheckKind.Type)? { kinds[name] }
}
