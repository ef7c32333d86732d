import CopydeskCore

/// `repetition`: the same word twice in a row ("the the"), optionally only for `tokens`.
/// Grammatical doubles ("had had", "that that") are `exceptions` by default.
public struct RepetitionCheck: CheckKind {
    public static let name = "repetition"
    public static let summary = "The same word twice in a row."
    public static let fixable = true

    let tokens: Set<String>?
    let exceptions: Set<String>

    public init(params: RuleParams) throws {
        try params.allowOnly(["tokens", "exceptions"])
        tokens = try params.strings("tokens").map { Set($0.map { $0.lowercased() }) }
        exceptions = Set((try params.strings("exceptions") ?? ["had", "that", "is", "do", "bye", "no", "so", "very"]).map { $0.lowercased() })
    }

    public func check(_ context: CheckContext) -> [Finding] {
        context.blocks.flatMap { index -> [Finding] in
            let block = context.article.blocks[index]
            let s = block.scalars
            var words: [Range<Int>] = []
            var i = 0
            while i < s.count {
                guard s[i].isLetter else { i += 1; continue }
                let start = i
                while i < s.count, s[i].isLetter || s[i] == "'" || s[i] == "\u{2019}" { i += 1 }
                words.append(start..<i)
            }
            var findings: [Finding] = []
            for (a, b) in zip(words, words.dropFirst()) where a.count == b.count {
                // the same letters (ignoring case), and only white space between them
                guard zip(s[a], s[b]).allSatisfy({ $0 == $1 || $0.properties.lowercaseMapping == $1.properties.lowercaseMapping }),
                      s[a.upperBound..<b.lowerBound].allSatisfy({ $0.isSpace }) else { continue }
                let first = block.text(a).lowercased()
                guard tokens?.contains(first) ?? true, !exceptions.contains(first) else { continue }
                let (fix, notes) = block.fix(replacing: a.upperBound..<b.upperBound, with: "")
                findings.append(Finding(range: block.map.range(a.lowerBound..<b.upperBound), excerpt: block.text(a.lowerBound..<b.upperBound),
                                        values: ["match": block.text(a)], related: notes, fix: fix))
            }
            return findings
        }
    }
}
