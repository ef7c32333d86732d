import CopydeskChecks
import CopydeskCore
import Foundation
import Testing

/// The word lists under `Resources/lexicons/`: how a file reads, and that each shipped list is
/// embedded, has its sections, and names each entry once across them.
@Suite struct LexiconTests {
    @Test func sectionsCommentsAndQuotedEntries() {
        let lexicon = Lexicon(text: """
            # a comment
            first
            [lines]
              read more
            "read more "
            ""
            "# not a comment"
            # another
            [words]
            said says
            told
            """)
        #expect(lexicon.entries() == ["first"])
        #expect(lexicon.entries("lines") == ["read more", "read more ", "# not a comment"])
        #expect(lexicon.words("words") == ["said", "says", "told"])
        #expect(lexicon.entries("absent").isEmpty)
    }

    static let shipped = ["agencies": [""], "caption-expanders": [""], "chrome": ["lines", "prefixes"],
                          "credit-words": ["labels", "tail", "nearby", "particles"],
                          "speech-verbs": ["verbs", "nounlike", "irregular", "adjacent", "paraphrase", "frames"]]

    /// Lists whose sections match the same text (a chrome prefix covers a chrome line; the speech
    /// verbs are joined into one set): an entry in two of them is one too many.
    static let joined: Set<String> = ["chrome", "speech-verbs"]
    /// Lists compared with lower-cased text, so written lower-case.
    static let lowerCase = ["caption-expanders", "chrome", "credit-words"]

    @Test func everyShippedListIsEmbeddedAndHoldsEachEntryOnce() throws {
        let folder = Support.root.appendingPathComponent("Resources/lexicons")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(Self.shipped.keys), "a lexicon file this test does not know")
        func repeated(_ entries: [String]) -> [String] {
            Dictionary(grouping: entries.map { $0.lowercased() }, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        }
        for (name, sections) in Self.shipped {
            let lexicon = Lexicon.named(name)
            #expect(Set(lexicon.sections.keys) == Set(sections), "\(name): sections \(lexicon.sections.keys.sorted())")
            // speech verbs are listed as words, the other lists one entry a line
            let lists = sections.map { name == "speech-verbs" && $0 != "frames" ? lexicon.words($0) : lexicon.entries($0) }
            for (section, entries) in zip(sections, lists) {
                #expect(!entries.isEmpty, "\(name) [\(section)] is empty")
                #expect(repeated(entries).isEmpty, "\(name) [\(section)] lists \(repeated(entries)) more than once")
            }
            if Self.joined.contains(name) {
                #expect(repeated(lists.flatMap { $0 }).isEmpty, "\(name) lists \(repeated(lists.flatMap { $0 })) in two sections")
            }
            if Self.lowerCase.contains(name) {
                let cased = lists.flatMap { $0 }.filter { $0 != $0.lowercased() }
                #expect(cased.isEmpty, "\(name) is compared lower-cased but lists \(cased)")
            }
        }
        // the chrome lines are joined with the caption expanders; the adjacent-only verbs with every form
        let chrome = Set(Lexicon.named("chrome").entries("lines"))
        #expect(chrome.isDisjoint(with: Lexicon.named("caption-expanders").entries()))
        let adjacent = Lexicon.named("speech-verbs").words("adjacent")
        #expect(Set(adjacent).isDisjoint(with: QuoteAttributionCheck.defaultVerbs), "adjacent verbs that every form already holds")
    }
}
