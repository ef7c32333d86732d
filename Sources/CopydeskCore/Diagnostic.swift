/// How serious a finding is. Ordered: `suggestion < warning < error`.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case suggestion, warning, error

    private var rank: Int {
        switch self {
        case .suggestion: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Replace the text of `range` with `replacement`.
public struct TextEdit: Hashable, Sendable, Codable {
    public var range: SourceRange
    public var replacement: String
    /// The text the edit expects to replace (white space folded). When the source there
    /// reads otherwise (markup between the words, a position that could not be mapped
    /// exactly), the edit is not applied: a fix never touches what it did not mean to.
    public var expected: String?

    public init(range: SourceRange, replacement: String, expected: String? = nil) {
        self.range = range
        self.replacement = replacement
        self.expected = expected
    }
}

/// A safe, mechanical correction for a finding.
public struct Fix: Hashable, Sendable, Codable {
    public var edits: [TextEdit]
    public init(edits: [TextEdit]) { self.edits = edits }
}

/// Another place that explains a finding (the caption a repeat copies, the other notice).
public struct RelatedLocation: Hashable, Sendable, Codable {
    public var range: SourceRange
    public var message: String

    public init(range: SourceRange, message: String) {
        self.range = range
        self.message = message
    }
}

/// One named feature value behind a finding's confidence ("caption_words": 0.47).
public struct Evidence: Hashable, Sendable, Codable {
    public var name: String
    public var value: Double

    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// What a check reports, before the engine attaches rule id, severity and message.
public struct Finding: Sendable {
    public var range: SourceRange
    /// The flagged text as a reader sees it.
    public var excerpt: String
    /// Values for the rule's message template (`{{quote}}`, `{{year}}`, …).
    public var values: [String: String]
    public var related: [RelatedLocation]
    public var fix: Fix?
    /// Overrides the rule's message and severity (a plugin that failed reports an error in its own words).
    public var message: String?
    public var severity: Severity?
    /// How sure the check is that the finding is right, in `[0, 1]`, for checks that learn it.
    public var confidence: Double?
    /// The named, explainable features the confidence was computed from.
    public var evidence: [Evidence]

    public init(range: SourceRange, excerpt: String, values: [String: String] = [:],
                related: [RelatedLocation] = [], fix: Fix? = nil, message: String? = nil, severity: Severity? = nil,
                confidence: Double? = nil, evidence: [Evidence] = []) {
        self.range = range
        self.excerpt = excerpt
        self.values = values
        self.related = related
        self.fix = fix
        self.message = message
        self.severity = severity
        self.confidence = confidence
        self.evidence = evidence
    }
}

/// A finding as users see it: located, with its rule, severity and message.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var excerpt: String
    public var related: [RelatedLocation]
    public var fix: Fix?
    /// The check's confidence in `[0, 1]`, where it computes one.
    public var confidence: Double?
    /// The features behind `confidence`, in the order the model lists them.
    public var evidence: [Evidence]

    public init(rule: String, severity: Severity, message: String, range: SourceRange, excerpt: String,
                related: [RelatedLocation] = [], fix: Fix? = nil, confidence: Double? = nil, evidence: [Evidence] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.range = range
        self.excerpt = excerpt
        self.related = related
        self.fix = fix
        self.confidence = confidence
        self.evidence = evidence
    }

    /// Deterministic order: position, then rule, then message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.range.start.line, a.range.start.column, a.rule, a.message)
            < (b.range.start.line, b.range.start.column, b.rule, b.message)
    }
}

/// An input that could not be linted: unreadable, not text, malformed.
public struct InputError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String { message }
}

/// Cuts a flagged text to the 200 characters the output formats promise.
public func excerptText(_ text: String, limit: Int = 200) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit - 1)) + "…"
}
