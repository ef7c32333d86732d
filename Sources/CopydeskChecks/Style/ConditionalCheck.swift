import CopydeskCore
import Foundation

/// `conditional`: if `first` appears, `second` must appear too. `$1` in `second` stands for
/// the text `first` captured, so an acronym's expansion can be required:
/// `first: '\b([A-Z]{3,5})\b'`, `second: '\(\$1\)'` (the acronym in parentheses, after its name).
/// `exceptions` lists captured texts that need nothing (well-known acronyms).
public struct ConditionalCheck: CheckKind {
    public static let name = "conditional"
    public static let summary = "If the first pattern appears, the second must appear too."
    public static let fixable = false

    let first: LazyRegex
    let second: String
    let ignoreCase: Bool
    let exceptions: Set<String>

    public init(params: RuleParams) throws {
        try params.allowOnly(["first", "second", "exceptions", "ignorecase"])
        guard let first = try params.string("first"), let second = try params.string("second") else {
            throw ParamError("conditional needs 'first' and 'second'", at: params.location)
        }
        ignoreCase = try params.bool("ignorecase") ?? false
        self.first = try LazyRegex(parameter: first, ignoreCase: ignoreCase, named: "first", at: params["first"])
        // checked here (with a stand-in for `$1`) unless shipped; compiled per captured text when used
        _ = try LazyRegex(parameter: second.replacingOccurrences(of: "$1", with: "x"), ignoreCase: ignoreCase,
                          named: "second", at: params["second"])
        self.second = second
        exceptions = Set(try params.strings("exceptions") ?? [])
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let whole = context.blocks.map { article.blocks[$0].text }.joined(separator: "\n")
        var checked: [String: Bool] = [:]
        var findings: [Finding] = []
        for index in context.blocks {
            let block = article.blocks[index]
            for m in first.expression?.matches(in: block) ?? [] {
                let key = m.groups.first ?? m.text
                guard !exceptions.contains(key), checked[key] == nil else { continue }
                let pattern = second.replacingOccurrences(of: "$1", with: NSRegularExpression.escapedPattern(for: key))
                let found = (try? NSRegularExpression(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : []))?
                    .firstMatch(in: whole, range: NSRange(location: 0, length: (whole as NSString).length)) != nil
                checked[key] = found
                if !found {
                    findings.append(Finding(range: block.map.range(m.range), excerpt: m.text, values: ["match": key]))
                }
            }
        }
        return findings
    }
}
