/// Inline suppressions: `<!-- copydesk-disable RULE -->`, `<!-- copydesk-enable RULE -->`,
/// `<!-- copydesk-disable-next-line RULE -->`, and front matter `copydesk: {disable: [RULE]}`.
///
/// A directive without rule ids applies to every rule.
public struct Suppressions: Sendable {
    struct Region: Sendable {
        var rule: String?
        var fromLine: Int
        var toLine: Int
    }
    private var regions: [Region] = []
    /// Rules disabled for the whole file (front matter).
    public var disabledRules: Set<String> = []
    /// Every rule id a directive names, with the line of the directive (0 for front matter).
    public var mentioned: [(rule: String, line: Int)] = []

    public init() {}

    /// Whether `rule` is silenced at `line`.
    public func suppresses(_ rule: String, at line: Int) -> Bool {
        if disabledRules.contains(rule) { return true }
        return regions.contains { ($0.rule == nil || $0.rule == rule) && $0.fromLine <= line && line <= $0.toLine }
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
                let words = rest[start.upperBound..<end.lowerBound].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
                rest = rest[end.upperBound...]
                guard let directive = words.first else { continue }
                let rules = words.dropFirst().map(String.init)
                result.mentioned += rules.map { ($0, lineNumber) }
                let targets: [String?] = rules.isEmpty ? [nil] : rules
                switch directive {
                case "copydesk-disable":
                    for rule in targets where open[rule ?? ""] == nil { open[rule ?? ""] = lineNumber }
                case "copydesk-enable":
                    for rule in targets {
                        if let from = open.removeValue(forKey: rule ?? "") {
                            result.regions.append(Region(rule: rule, fromLine: from, toLine: lineNumber))
                        }
                    }
                case "copydesk-disable-next-line":
                    for rule in targets {
                        result.regions.append(Region(rule: rule, fromLine: lineNumber + 1, toLine: lineNumber + 1))
                    }
                default: continue
                }
            }
        }
        for (rule, from) in open {
            result.regions.append(Region(rule: rule.isEmpty ? nil : rule, fromLine: from, toLine: Int.max))
        }
        return result
    }
}
