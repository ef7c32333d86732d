import CopydeskCore

/// `name-variants`: a name spelled two ways in one article ("Rasmussen" and "Rasmusen").
///
/// Capitalised words of `min_length` letters or more that differ by one letter inside the
/// word (an edit distance of 1; not an ending added, as in "Russia"/"Russian") are taken for the same name; the rarer
/// spelling is flagged (the later one on a tie). `exceptions` lists pairs to leave alone
/// (`"Austria Australia"`).
public struct NameVariantsCheck: CheckKind {
    public static let name = "name-variants"
    public static let summary = "A name must be spelled the same way throughout an article."
    public static let fixable = true

    let minLength: Int
    let exceptions: Set<String>

    public init(params: RuleParams) throws {
        try params.allowOnly(["min_length", "exceptions"])
        minLength = try params.int("min_length") ?? 5
        exceptions = Set((try params.strings("exceptions") ?? []).map { $0.lowercased() })
    }

    /// Whether a and b differ by exactly one insertion, deletion or substitution.
    static func oneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        if a.count == b.count {
            return zip(a, b).filter { $0 != $1 }.count == 1
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count - short.count == 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        return short[i...] == long[(i + 1)...]
    }

    public func check(_ context: CheckContext) -> [Finding] {
        var occurrences: [String: [(block: Int, range: Range<Int>)]] = [:]
        var order: [String] = []
        // names, not capitalised common words: seen mid-sentence, and once after a first name
        var midSentence = Set<String>(), afterName = Set<String>()
        for index in context.blocks {
            let block = context.article.blocks[index]
            let s = block.scalars
            var i = 0
            while i < s.count {
                guard s[i].isLetter else { i += 1; continue }
                let start = i
                while i < s.count, s[i].isLetter { i += 1 }
                guard i - start >= minLength, s[start].properties.isUppercase,
                      s[(start + 1)..<i].allSatisfy({ $0.properties.isLowercase }) else { continue }
                let word = block.text(start..<i)
                var j = start - 1
                while j >= 0, s[j] == " " { j -= 1 }
                if j >= 0, ![".", "!", "?", ":", "\"", "\u{201C}"].contains(s[j]) { midSentence.insert(word) }
                if j >= 0, s[j].properties.isLowercase || s[j].properties.isUppercase, j + 1 < start,
                   let k = (0...j).last(where: { !s[$0].isLetter }).map({ $0 + 1 }) ?? Optional(0), s[k].properties.isUppercase {
                    afterName.insert(word)
                }
                if occurrences[word] == nil { order.append(word) }
                occurrences[word, default: []].append((index, start..<i))
            }
        }
        var findings: [Finding] = []
        var flagged = Set<String>()
        for (n, a) in order.enumerated() {
            for b in order[(n + 1)...] where a.first == b.first && !flagged.contains(a) && !flagged.contains(b) {
                let (ca, cb) = (Array(a), Array(b))
                // inflections add to the end ("Russia", "Russian"); misspellings differ inside
                guard midSentence.contains(a), midSentence.contains(b), afterName.contains(a) || afterName.contains(b),
                      Self.oneEdit(ca, cb), !a.hasPrefix(b), !b.hasPrefix(a),
                      !exceptions.contains("\(a.lowercased()) \(b.lowercased())"),
                      !exceptions.contains("\(b.lowercased()) \(a.lowercased())") else { continue }
                // the majority spelling wins; on a tie, the first one used
                let wrong = occurrences[b]!.count > occurrences[a]!.count ? a : b
                let right = wrong == a ? b : a
                flagged.insert(wrong)
                for hit in occurrences[wrong]! {
                    let block = context.article.blocks[hit.block]
                    let (fix, notes) = block.fix(replacing: hit.range, with: right)
                    findings.append(Finding(range: block.map.range(hit.range), excerpt: wrong,
                                            values: ["match": wrong, "replacement": right], related: notes, fix: fix))
                }
            }
        }
        return findings
    }
}
