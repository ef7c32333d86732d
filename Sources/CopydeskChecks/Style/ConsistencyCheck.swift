import CopydeskCore
import Foundation

/// `consistency`: one spelling per article. `either` maps a spelling to its variant
/// (`Kyiv: Kiev`); when both appear, the minority spelling is flagged (the first one
/// used wins a tie).
public struct ConsistencyCheck: CheckKind {
    public static let name = "consistency"
    public static let summary = "One spelling of a word or name per article."
    public static let fixable = true

    let pairs: [(a: String, b: String, patternA: Pattern, patternB: Pattern)]

    public init(params: RuleParams) throws {
        try params.allowOnly(["either", "ignorecase"])
        let ignoreCase = try params.bool("ignorecase") ?? true
        guard let map = try params.stringMap("either"), !map.isEmpty else {
            throw ParamError("consistency needs an 'either' map", at: params.location)
        }
        pairs = map.map { a, b in (a, b, .words([a], ignoreCase: ignoreCase), .words([b], ignoreCase: ignoreCase)) }
    }

    public func check(_ context: CheckContext) -> [Finding] {
        pairs.flatMap { pair -> [Finding] in
            var hitsA: [(block: Int, match: BlockMatch)] = [], hitsB: [(block: Int, match: BlockMatch)] = []
            for index in context.blocks {
                let block = context.article.blocks[index]
                hitsA += pair.patternA.matches(in: block).map { (index, $0) }
                hitsB += pair.patternB.matches(in: block).map { (index, $0) }
            }
            guard !hitsA.isEmpty, !hitsB.isEmpty else { return [] }
            let firstA = (hitsA[0].block, hitsA[0].match.range.lowerBound)
            let firstB = (hitsB[0].block, hitsB[0].match.range.lowerBound)
            let keepA = hitsA.count != hitsB.count ? hitsA.count > hitsB.count : firstA < firstB
            let (wrong, preferred) = keepA ? (hitsB, pair.a) : (hitsA, pair.b)
            return wrong.map { hit in
                let block = context.article.blocks[hit.block]
                let replacement = SubstitutionCheck.cased(preferred, like: hit.match.text)
                let (fix, notes) = block.fix(replacing: hit.match.range, with: replacement)
                return Finding(range: block.map.range(hit.match.range), excerpt: hit.match.text,
                               values: ["match": hit.match.text, "replacement": replacement], related: notes, fix: fix)
            }
        }
    }
}
