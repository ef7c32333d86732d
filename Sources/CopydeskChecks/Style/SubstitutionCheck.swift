import CopydeskCore
import Foundation

/// `substitution`: a preferred term for a discouraged one, with a fix.
///
/// `swap` maps discouraged → preferred; a key may list alternatives (`towards|toward's`).
/// The replacement keeps the match's capitalisation (a capital first letter, or all caps).
public struct SubstitutionCheck: CheckKind {
    public static let name = "substitution"
    public static let summary = "Use the preferred term instead of a discouraged one (fixable)."
    public static let fixable = true

    let swaps: [(pattern: Pattern, preferred: String)]

    public init(params: RuleParams) throws {
        try params.allowOnly(["swap", "ignorecase"])
        let ignoreCase = try params.bool("ignorecase") ?? true
        guard let pairs = try params.stringMap("swap"), !pairs.isEmpty else {
            throw ParamError("substitution needs a 'swap' map", at: params.location)
        }
        swaps = pairs.map { key, preferred in (.words(key.split(separator: "|").map(String.init), ignoreCase: ignoreCase), preferred) }
    }

    /// `preferred` in the capitalisation of `match`.
    static func cased(_ preferred: String, like match: String) -> String {
        if match.count > 1, match == match.uppercased(), match != match.lowercased() { return preferred.uppercased() }
        if let first = match.first, first.isUppercase, let p = preferred.first, p.isLowercase {
            return p.uppercased() + preferred.dropFirst()
        }
        return preferred
    }

    public func check(_ context: CheckContext) -> [Finding] {
        context.blocks.flatMap { index -> [Finding] in
            let block = context.article.blocks[index]
            return swaps.flatMap { swap in
                swap.pattern.matches(in: block).compactMap { m -> Finding? in
                    let replacement = Self.cased(swap.preferred, like: m.text)
                    guard replacement != m.text else { return nil }
                    let (fix, notes) = block.fix(replacing: m.range, with: replacement)
                    return Finding(range: block.map.range(m.range), excerpt: m.text,
                                   values: ["match": m.text, "replacement": replacement], related: notes, fix: fix)
                }
            }
        }
    }
}
