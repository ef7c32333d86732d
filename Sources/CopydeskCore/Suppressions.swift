/// Inline suppressions: `<!-- copydesk-disable RULE -->`, `<!-- copydesk-enable RULE -->`,
/// `<!-- copydesk-disable-line RULE -->`, `<!-- copydesk-disable-next-line RULE -->`, and front
/// matter `copydesk: {disable: [RULE]}`.
///
/// A directive without rule ids applies to every rule. Words after a lone `--` are the reason
/// (`<!-- copydesk-disable-line newsroom-email -- the quoted memo's spelling -->`), as in ESLint.
public struct Suppressions: Sendable {
    /// The lines one directive silences, for one rule (nil: all).
    public struct Region: Sendable {
        public var rule: String?
        var fromLine: Int
        var toLine: Int
        /// The line of the comment that opened it.
        public var directiveLine: Int
    }
    /// The inline regions, in the order their directives close.
    public private(set) var regions: [Region] = []
    /// Rules disabled for the whole file (front matter).
    public var disabledRules: Set<String> = []
    /// Every rule id a directive names, with the line of the directive (0 for front matter).
    public var mentioned: [(rule: String, line: Int)] = []

    public init() {}

    /// Whether `rule` is silenced at `line`.
    public func suppresses(_ rule: String, at line: Int) -> Bool {
        disabledRules.contains(rule) || !regions(silencing: rule, at: line).isEmpty
    }

    /// The indices of the inline regions that silence `rule` at `line`.
    public func regions(silencing rule: String, at line: Int) -> [Int] {
        regions.indices.filter { regions[$0].rule == nil || regions[$0].rule == rule }
            .filter { regions[$0].fromLine <= line && line <= regions[$0].toLine }
    }

    /// Reads the directives in a source file's comments.
    public static func scan(_ source: String) -> Suppressions {
        var result = Suppressions()
        guard source.containsBytes("copydesk-") else { return result }
        var open: [String: Int] = [:]   // rule ("" for all) -> first line
        var lineNumber = 0
        for line in LineCursor.lines(of: source) {
            lineNumber += 1
            var rest = line[...]
            while let start = rest.firstRange(of: "<!--"), let end = rest[start.upperBound...].firstRange(of: "-->") {
                var words = rest[start.upperBound..<end.lowerBound].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
                rest = rest[end.upperBound...]
                guard let directive = words.first, directive.hasPrefix("copydesk-") else { continue }
                if let reason = words.firstIndex(of: "--") { words = Array(words[..<reason]) }
                let rules = words.dropFirst().map(String.init)
                let targets: [String?] = rules.isEmpty ? [nil] : rules
                switch directive {
                case "copydesk-disable":
                    for rule in targets where open[rule ?? ""] == nil { open[rule ?? ""] = lineNumber }
                case "copydesk-enable":
                    for rule in targets {
                        if let from = open.removeValue(forKey: rule ?? "") {
                            result.regions.append(Region(rule: rule, fromLine: from, toLine: lineNumber, directiveLine: from))
                        }
                    }
                case "copydesk-disable-line", "copydesk-disable-next-line":
                    let target = directive == "copydesk-disable-line" ? lineNumber : lineNumber + 1
                    for rule in targets {
                        result.regions.append(Region(rule: rule, fromLine: target, toLine: target, directiveLine: lineNumber))
                    }
                default: continue
                }
                result.mentioned += rules.map { ($0, lineNumber) }
            }
        }
        for (rule, from) in open {
            result.regions.append(Region(rule: rule.isEmpty ? nil : rule, fromLine: from, toLine: Int.max, directiveLine: from))
        }
        return result
    }
}
