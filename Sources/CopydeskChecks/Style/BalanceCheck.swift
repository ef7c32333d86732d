import CopydeskCore

/// `balance`: quotation marks and parentheses that open and never close (or close and never
/// opened) within a paragraph. A quotation left open because the next paragraph continues
/// it (AP style: the next paragraph opens with a quotation mark) is balanced.
public struct BalanceCheck: CheckKind {
    public static let name = "balance"
    public static let summary = "Quotation marks and parentheses must be balanced in each paragraph."
    public static let fixable = false

    let quotes: Bool
    let parentheses: Bool

    public init(params: RuleParams) throws {
        try params.allowOnly(["quotes", "parentheses"])
        quotes = try params.bool("quotes") ?? true
        parentheses = try params.bool("parentheses") ?? true
    }

    static let openers: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201E}", "\u{00AB}"]

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        var findings: [Finding] = []
        let prose = context.blocks.filter { article.blocks[$0].isProse }
        // open-ended quotations by block, found once: linear however many paragraphs and quotations
        let openEnded = Dictionary(grouping: article.quotations.filter(\.openEnded), by: \.block)
        for (n, index) in prose.enumerated() {
            let block = article.blocks[index]
            if parentheses {
                var open: [Int] = []
                for (i, c) in block.scalars.enumerated() {
                    if c == "(" { open.append(i) }
                    if c == ")" {
                        if open.isEmpty {
                            findings.append(Finding(range: block.map.range(i..<i + 1), excerpt: ")",
                                                    values: ["match": ")"]))
                        } else {
                            open.removeLast()
                        }
                    }
                }
                // "1)" list markers and emoticons aside, an unclosed "(" is a slip
                findings += open.map { Finding(range: block.map.range($0..<$0 + 1), excerpt: "(", values: ["match": "("]) }
            }
            if quotes {
                let continued = n + 1 < prose.count && article.blocks[prose[n + 1]].scalars.first.map(Self.openers.contains) == true
                for quote in openEnded[index] ?? [] where !continued {
                    findings.append(Finding(range: block.map.range(quote.span.lowerBound..<quote.span.lowerBound + 1),
                                            excerpt: block.text(quote.span.lowerBound..<quote.span.lowerBound + 1),
                                            values: ["match": "quotation mark"]))
                }
            }
        }
        return findings
    }
}
