import CopydeskCore
import Foundation

/// `occurrence`: how many times `token` may occur in each block of the scope (`min`, `max`),
/// e.g. the words of a headline.
public struct OccurrenceCheck: CheckKind {
    public static let name = "occurrence"
    public static let summary = "A pattern must occur between min and max times in each block of the scope."
    public static let fixable = false

    let token: LazyRegex
    let min: Int?
    let max: Int?

    public init(params: RuleParams) throws {
        try params.allowOnly(["token", "min", "max", "ignorecase"])
        guard let token = try params.string("token") else { throw ParamError("occurrence needs 'token'", at: params.location) }
        self.token = try LazyRegex(parameter: token, ignoreCase: try params.bool("ignorecase") ?? false, named: "token",
                                   at: params["token"])
        min = try params.int("min")
        max = try params.int("max")
        guard min != nil || max != nil else { throw ParamError("occurrence needs 'min' or 'max'", at: params.location) }
    }

    public func check(_ context: CheckContext) -> [Finding] {
        context.blocks.compactMap { index in
            let block = context.article.blocks[index]
            let count = token.expression?.numberOfMatches(in: block.text, range: NSRange(location: 0, length: (block.text as NSString).length)) ?? 0
            let limit: String
            if let max, count > max {
                limit = "at most \(max)"
            } else if let min, count < min {
                limit = "at least \(min)"
            } else {
                return nil
            }
            return Finding(range: block.range, excerpt: block.text, values: ["count": String(count), "limit": limit])
        }
    }
}
