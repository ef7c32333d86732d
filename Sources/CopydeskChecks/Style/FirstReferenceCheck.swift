import CopydeskCore

/// `first-reference`: a person first named by surname alone ("Mr. Diaz said", "Diaz said")
/// before the article gives the full name ("Ruth Diaz").
///
/// A surname counts as introduced once a capitalised word directly precedes it anywhere
/// earlier in the article. `honorifics` are the titles that mark a surname reference.
public struct FirstReferenceCheck: CheckKind {
    public static let name = "first-reference"
    public static let summary = "A person's first reference gives the full name."
    public static let fixable = false

    let honorifics: Set<String>
    static let speech: Set<String> = ["said", "says", "told", "added", "asked", "wrote", "explained", "noted"]
    /// Capitalised words that speak but are not surnames.
    static let notNames: Set<String> = ["He", "She", "They", "It", "We", "I", "You", "This", "That", "These", "Those", "There",
                                        "Officials", "Police", "Authorities", "Who", "Witnesses", "Residents", "Experts",
                                        "Critics", "Others", "Some", "Many", "Researchers", "Prosecutors", "Investigators"]

    public init(params: RuleParams) throws {
        try params.allowOnly(["honorifics"])
        honorifics = Set(try params.strings("honorifics") ?? ["Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov."])
    }

    public func check(_ context: CheckContext) -> [Finding] {
        var introduced = Set<String>()
        var reported = Set<String>()
        var findings: [Finding] = []
        for index in context.blocks {
            let block = context.article.blocks[index]
            // words with their ranges
            var words: [(text: String, range: Range<Int>)] = []
            var i = 0
            let s = block.scalars
            while i < s.count {
                guard !s[i].isSpace else { i += 1; continue }
                let start = i
                while i < s.count, !s[i].isSpace { i += 1 }
                words.append((block.text(start..<i), start..<i))
            }
            for (n, word) in words.enumerated() {
                let bare = word.text.trimmingCharacters(in: .punctuationCharacters)
                guard bare.count >= 2, bare.first!.isUppercase, bare.dropFirst().allSatisfy(\.isLowercase),
                      !Self.notNames.contains(bare) else { continue }
                let previous = n > 0 ? words[n - 1].text : ""
                let next = n + 1 < words.count ? words[n + 1].text.trimmingCharacters(in: .punctuationCharacters).lowercased() : ""
                let afterSaid = n > 0 && Self.speech.contains(previous.lowercased())
                let byTitle = honorifics.contains(previous)
                if !byTitle, let p = previous.first, p.isUppercase, !previous.hasSuffix("."), !previous.hasSuffix(",") {
                    introduced.insert(bare)   // "Ruth Diaz": a full name
                    continue
                }
                guard byTitle || Self.speech.contains(next) || afterSaid, !introduced.contains(bare), !reported.contains(bare),
                      n > 0 || byTitle || Self.speech.contains(next) else { continue }
                reported.insert(bare)
                findings.append(Finding(range: block.map.range(word.range), excerpt: bare, values: ["match": bare]))
            }
        }
        return findings
    }
}
