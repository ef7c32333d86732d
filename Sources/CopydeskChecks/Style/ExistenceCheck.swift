import CopydeskCore
import Foundation

/// `existence`: words, phrases or patterns that should not appear.
///
/// `tokens` are matched as whole words (`ignorecase` default true), `raw` are regular
/// expressions; `exceptions` lists matched texts to let pass.
public struct ExistenceCheck: CheckKind {
    public static let name = "existence"
    public static let summary = "Words, phrases or patterns that should not appear."
    public static let fixable = false

    let patterns: [Pattern]
    let exceptions: Set<String>

    public init(params: RuleParams) throws {
        try params.allowOnly(["tokens", "raw", "ignorecase", "exceptions"])
        let ignoreCase = try params.bool("ignorecase") ?? true
        var patterns: [Pattern] = []
        if let tokens = try params.strings("tokens"), !tokens.isEmpty {
            patterns.append(.words(tokens, ignoreCase: ignoreCase))
        }
        for raw in try params.strings("raw") ?? [] {
            patterns.append(try .raw(raw, ignoreCase: ignoreCase, parameter: "raw", at: params["raw"]))
        }
        guard !patterns.isEmpty else { throw ParamError("existence needs 'tokens' or 'raw'", at: params.location) }
        self.patterns = patterns
        exceptions = Set((try params.strings("exceptions") ?? []).map { $0.lowercased() })
    }

    public func check(_ context: CheckContext) -> [Finding] {
        context.blocks.flatMap { index -> [Finding] in
            let block = context.article.blocks[index]
            return patterns.flatMap { $0.matches(in: block) }
                .filter { !exceptions.contains($0.text.lowercased()) }
                .map { Finding(range: block.map.range($0.range), excerpt: $0.text, values: ["match": $0.text]) }
        }
    }
}
