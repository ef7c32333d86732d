import CopydeskCore

/// `metric`: a readability formula over the scope, with a `condition` that flags it.
///
/// `formula` is arithmetic (`+ - * /`, parentheses, numbers) over `words`, `sentences`,
/// `syllables`, `characters`, `paragraphs`, `complex_words` (three syllables or more) and
/// `long_words` (seven letters or more), counted over the whole scope; `condition` is a
/// comparison with a number (`> 12`). Flesch-Kincaid grade:
/// `0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59`.
public struct MetricCheck: CheckKind {
    public static let name = "metric"
    public static let summary = "A readability formula over the scope must meet a condition."
    public static let fixable = false

    indirect enum Expr: Sendable {
        case number(Double), variable(String), binary(Character, Expr, Expr)

        func evaluate(_ vars: [String: Double]) -> Double {
            switch self {
            case .number(let n): return n
            case .variable(let v): return vars[v] ?? 0
            case .binary(let op, let a, let b):
                let x = a.evaluate(vars), y = b.evaluate(vars)
                switch op {
                case "+": return x + y
                case "-": return x - y
                case "*": return x * y
                default: return y == 0 ? 0 : x / y
                }
            }
        }
    }

    static let variables: Set<String> = ["words", "sentences", "syllables", "characters", "paragraphs", "complex_words", "long_words"]

    let formula: Expr
    let comparison: String
    let threshold: Double

    public init(params: RuleParams) throws {
        try params.allowOnly(["formula", "condition"])
        guard let text = try params.string("formula"), let condition = try params.string("condition") else {
            throw ParamError("metric needs 'formula' and 'condition'", at: params.location)
        }
        var parser = Parser(Array(text), at: params["formula"]?.location)
        formula = try parser.parse()
        let parts = condition.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["<", "<=", ">", ">=", "==", "!="].contains(String(parts[0])), let n = Double(parts[1]) else {
            throw ParamError("condition must be a comparison with a number, like '> 12'", at: params["condition"])
        }
        comparison = String(parts[0])
        threshold = n
    }

    /// A recursive-descent parser for the formula.
    struct Parser {
        let chars: [Character]
        let location: SourceLocation?
        var i = 0

        init(_ chars: [Character], at location: SourceLocation?) {
            self.chars = chars
            self.location = location
        }

        mutating func parse() throws -> Expr {
            let e = try sum()
            skip()
            guard i == chars.count else { throw error("unexpected '\(chars[i])'") }
            return e
        }
        mutating func skip() { while i < chars.count, chars[i] == " " { i += 1 } }
        func error(_ message: String) -> ParamError { ParamError("formula: \(message)", at: location) }
        mutating func sum() throws -> Expr {
            var e = try product()
            while true {
                skip()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return e }
                let op = chars[i]; i += 1
                e = .binary(op, e, try product())
            }
        }
        mutating func product() throws -> Expr {
            var e = try atom()
            while true {
                skip()
                guard i < chars.count, chars[i] == "*" || chars[i] == "/" else { return e }
                let op = chars[i]; i += 1
                e = .binary(op, e, try atom())
            }
        }
        mutating func atom() throws -> Expr {
            skip()
            guard i < chars.count else { throw error("unexpected end") }
            if chars[i] == "(" {
                i += 1
                let e = try sum()
                skip()
                guard i < chars.count, chars[i] == ")" else { throw error("missing ')'") }
                i += 1
                return e
            }
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
            let token = String(chars[start..<i])
            if let n = Double(token) { return .number(n) }
            guard MetricCheck.variables.contains(token) else {
                throw error(token.isEmpty ? "unexpected '\(chars[i])'" : "unknown variable '\(token)'")
            }
            return .variable(token)
        }
    }

    /// Vowel groups, a silent final e dropped: the usual English estimate.
    static func syllables(_ word: String) -> Int {
        let w = word.lowercased()
        var count = 0, previousVowel = false
        for c in w {
            let vowel = "aeiouy".contains(c)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if w.hasSuffix("e"), !w.hasSuffix("le"), count > 1 { count -= 1 }
        return max(1, count)
    }

    public func check(_ context: CheckContext) -> [Finding] {
        guard let first = context.blocks.first else { return [] }
        var vars: [String: Double] = ["paragraphs": Double(context.blocks.count)]
        for index in context.blocks {
            let block = context.article.blocks[index]
            let words = TextTools.words(block.scalars)
            vars["words", default: 0] += Double(words.count)
            vars["sentences", default: 0] += Double(TextTools.sentences(block.scalars).count)
            vars["characters", default: 0] += Double(words.reduce(0) { $0 + $1.count })
            for word in words {
                let s = Self.syllables(word)
                vars["syllables", default: 0] += Double(s)
                if s >= 3 { vars["complex_words", default: 0] += 1 }
                if word.count >= 7 { vars["long_words", default: 0] += 1 }
            }
        }
        guard vars["words", default: 0] > 0 else { return [] }
        let value = formula.evaluate(vars)
        let hit: Bool
        switch comparison {
        case "<": hit = value < threshold
        case "<=": hit = value <= threshold
        case ">": hit = value > threshold
        case ">=": hit = value >= threshold
        case "==": hit = value == threshold
        default: hit = value != threshold
        }
        guard hit else { return [] }
        let block = context.article.blocks[first]
        let shown = (value * 10).rounded() / 10
        return [Finding(range: block.range, excerpt: String(block.text.prefix(80)), values: ["value": String(shown)])]
    }
}
