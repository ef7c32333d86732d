import CopydeskCore
import Foundation

/// `capitalization`: a case style for the blocks of the scope (usually the headline).
///
/// `match`: `$title` (major words capitalised; `style` AP or Chicago decides which small
/// words stay lower case), `$sentence` (first word and proper nouns only: flags capitalised
/// common words after the first, best effort), `$lower`, `$upper`, or a regular expression
/// the text must match. `exceptions` are words left as they are (names, acronyms).
public struct CapitalizationCheck: CheckKind {
    public static let name = "capitalization"
    public static let summary = "Headlines (or other scopes) follow a case style."
    public static let fixable = false

    enum Style { case title, sentence, lower, upper, pattern(NSRegularExpression) }

    let style: Style
    let smallWords: Set<String>
    let exceptions: Set<String>

    static let apSmall: Set<String> = ["a", "an", "and", "as", "at", "but", "by", "for", "if", "in", "nor", "of", "off",
                                      "on", "or", "per", "so", "the", "to", "up", "via", "vs", "yet"]
    static let chicagoSmall: Set<String> = apSmall.union(["from", "into", "like", "onto", "over", "than", "that", "till",
                                                          "upon", "with", "within", "without"])

    public init(params: RuleParams) throws {
        try params.allowOnly(["match", "style", "exceptions"])
        let match = try params.string("match") ?? "$title"
        switch match {
        case "$title": style = .title
        case "$sentence": style = .sentence
        case "$lower": style = .lower
        case "$upper": style = .upper
        default: style = .pattern(try .compile(match, ignoreCase: false, parameter: "match", at: params["match"]?.location))
        }
        switch (try params.string("style"))?.lowercased() ?? "ap" {
        case "ap": smallWords = Self.apSmall
        case "chicago": smallWords = Self.chicagoSmall
        case let other: throw ParamError("unknown style '\(other)' (AP or Chicago)", at: params["style"])
        }
        exceptions = Set(try params.strings("exceptions") ?? [])
    }

    /// The first word that breaks the style, if any.
    func violation(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "—" }).map {
            String($0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)))
        }.filter { !$0.isEmpty }
        for (i, word) in words.enumerated() where !exceptions.contains(word) && word.first?.isLetter == true {
            let lower = word.lowercased()
            let isCapitalised = word.first!.isUppercase
            let isAllCaps = word.count > 1 && word == word.uppercased()
            switch style {
            case .title:
                let small = smallWords.contains(lower) && i > 0 && i < words.count - 1
                if small ? isCapitalised && !isAllCaps : !isCapitalised { return word }
            case .sentence:
                if i == 0 ? !isCapitalised : isCapitalised && !isAllCaps && smallWords.contains(lower) { return word }
            case .lower:
                if word != lower { return word }
            case .upper:
                if word != word.uppercased() { return word }
            case .pattern:
                return nil
            }
        }
        return nil
    }

    public func check(_ context: CheckContext) -> [Finding] {
        context.blocks.compactMap { index in
            let block = context.article.blocks[index]
            if case .pattern(let regex) = style {
                let full = NSRange(location: 0, length: (block.text as NSString).length)
                guard regex.firstMatch(in: block.text, range: full)?.range != full else { return nil }
                return Finding(range: block.range, excerpt: block.text, values: ["match": block.text])
            }
            guard let word = violation(block.text) else { return nil }
            return Finding(range: block.range, excerpt: block.text, values: ["match": word])
        }
    }
}
