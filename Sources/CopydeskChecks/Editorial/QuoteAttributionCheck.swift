import CopydeskCore
import Foundation

/// `quote-attribution`: direct quotations with no speaker in their sentence or the adjacent ones.
///
/// Attributed (never flagged): a speech verb or frame in the quote's sentence or an
/// adjacent sentence, either order (`"…," Smith said.` / `Smith said: "…"`,
/// `according to`, `told reporters`); a colon introduction; a dash attribution
/// (`"…" — Jane Doe`); a speaker after a quote's closing comma, whatever the verb
/// (`"…," notes the longtime resident`); transcript labels (`SMITH:`, `Q:`); a quote-only paragraph
/// after a paragraph with a quotation, not mere scare quotes (a floating quote), or after a block
/// ending with a colon (`The minister wrote:`, even where that line reads as a subhead); a quote
/// opening its paragraph after a sentence that reports its speaker's words (`She added that…`)
/// or asks the question it answers (an interview), or whose subject, a speaker elsewhere in the
/// article, it reports thinking or charging something (`Mr Moeketsi further accused the chiefs…`);
/// paragraphs continuing a multi-paragraph quote (AP leaves the closing mark off).
///
/// Not quotations: spans under `min_words` words (scare quotes, terms), title-case
/// spans (composition titles), words as words (`the word "woke"`). Only quotations that
/// make up their whole sentence are judged; a partial quote sits in a sentence of its own.
public struct QuoteAttributionCheck: CheckKind {
    public static let name = "quote-attribution"
    public static let summary = "A direct quotation needs a speaker in its sentence or the adjacent ones."
    public static let fixable = false

    /// `Resources/lexicons/speech-verbs.txt`.
    static let lexicon = Lexicon.named("speech-verbs")

    /// Reporting verbs, all inflections: every form of `verbs`, the -ed and -ing forms of
    /// `nounlike` (their base and -s forms are also common nouns or adjectives), `irregular` as it is.
    public static let defaultVerbs: [String] = {
        func forms(_ verb: String) -> (base: [String], past: [String]) {
            let e = verb.hasSuffix("e")
            let y = verb.hasSuffix("y") && !verb.hasSuffix("ay") && !verb.hasSuffix("ey")
            let third = y ? String(verb.dropLast()) + "ies"
                : (verb.hasSuffix("s") || verb.hasSuffix("sh") || verb.hasSuffix("ch") || verb.hasSuffix("x")) ? verb + "es" : verb + "s"
            let doubled = ["quip", "snap", "admit", "beg"].contains(verb) ? verb + String(verb.last!) : verb
            let past = e ? verb + "d" : y ? String(verb.dropLast()) + "ied" : doubled + "ed"
            let ing = e ? String(verb.dropLast()) + "ing" : doubled + "ing"
            return ([verb, third], [past, ing])
        }
        return lexicon.words("irregular") + lexicon.words("verbs").flatMap { let f = forms($0); return f.base + f.past }
            + lexicon.words("nounlike").flatMap { forms($0).past }
    }()

    /// Every form of every reporting verb, plus ambiguous ones (`adjacent`: `read`, `describe`,
    /// `comments`): these count only right next to a quotation (`"…," the statement read`).
    public static let adjacentVerbs = Set(defaultVerbs + lexicon.words("adjacent"))

    /// Frames that attribute without a verb from the list.
    public static let defaultFrames = lexicon.entries("frames")
    static let titleCues: Set<String> = ["word", "words", "term", "phrase", "titled", "entitled", "called", "dubbed",
                                         "nicknamed", "film", "movie", "book", "song", "album", "show", "series",
                                         "novel", "play", "headline", "headlined", "slogan", "sign", "label",
                                         "labeled", "labelled", "named", "hashtag", "episode", "podcast", "known", "tagline",
                                         "motto", "message", "caption", "banner", "chanting", "reading", "sign", "signs"]

    let verbs: Set<String>
    /// Verbs that often report without a speaker ("the plan promised", "it reported"): they
    /// attribute a quotation in its own sentence, not one in the next sentence.
    static let weakVerbs: Set<String> = ["promised", "promising", "reported", "reporting", "estimated", "claimed", "demanded",
                                         "pointed", "posted", "questioned", "mentioned", "observed", "predicted", "revealed",
                                         "suggested", "urged", "confirmed", "announced", "stated", "detailed", "cited",
                                         "repeated", "stressed", "described", "believed", "thought", "estimating",
                                         // present tenses that things do as often as people ("tests reveal", "a phone boasts")
                                         "reveal", "reveals", "suggest", "suggests", "confirm", "confirms", "conclude",
                                         "concludes", "warn", "warns", "urge", "urges", "announce", "announces",
                                         "boast", "boasts"]
    /// A request, not speech: "were asked to leave", "was told to wait".
    static let requestVerbs: Set<String> = ["asked", "told", "urged", "begged", "asking", "telling"]
    /// Words that open a new clause rather than name a speaker after a quote's closing comma
    /// ("…," and the crowd left).
    static let clauseOpeners: Set<String> = ["and", "but", "or", "so", "then", "yet", "because", "while", "which",
                                             "if", "when", "as", "since", "although", "though", "until"]
    /// The longest speaker clause after a quote's closing comma: `"…," the players write in their
    /// letter` has six words, `"…," says the union's president, Jane Doe` seven; a longer clause is
    /// a statement of its own.
    static let maxSpeakerClauseWords = 8
    let frames: [[String]]
    let minWords: Int

    public init(params: RuleParams) throws {
        try params.allowOnly(["speech_verbs", "frames", "min_words"])
        verbs = Set(Self.defaultVerbs + (try params.strings("speech_verbs") ?? []).map { $0.lowercased() })
        frames = (Self.defaultFrames + (try params.strings("frames") ?? [])).map { TextTools.words($0.unicodeScalars) }
        minWords = try params.int("min_words") ?? 4
    }

    /// One paragraph's sentences and quotations, with the attribution cues found in each sentence.
    struct Paragraph {
        var block: Int
        var sentences: [Range<Int>]
        var cue: [Bool]
        /// Cues strong enough to attribute a quotation in an adjacent sentence.
        var strongCue: [Bool]
        var quotes: [Quotation]
        var endsWithColon: Bool
        /// Ends by naming a title-like thing ("Just what is this slogan?"): a quote after it is that thing.
        var endsWithTitleCue: Bool
        var openEnded: Bool
        var label: Bool
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let byBlock = Dictionary(grouping: article.quotations, by: \.block)
        let inScope = Set(context.blocks)
        // paragraphs in reading order: body text and block quotes, chrome and figures skipped
        let paragraphs: [Paragraph] = article.blocks.indices.compactMap { i in
            let block = article.blocks[i]
            guard [.body, .blockquote].contains(block.role), block.isProse else { return nil }
            let quotes = byBlock[i] ?? []
            // sentences and cues matter only where there is a quotation to judge
            let (sentences, cue, strongCue) = quotes.isEmpty ? ([], [], []) : sentencesAndCues(block, quotes)
            let trimmed = block.text.trimmingSpaces()
            let lastWord = TextTools.words(block.scalars.suffix(20)).last ?? ""
            return Paragraph(block: i, sentences: sentences, cue: cue, strongCue: strongCue, quotes: quotes,
                             endsWithColon: trimmed.hasSuffix(":"), endsWithTitleCue: Self.titleCues.contains(lastWord), openEnded: quotes.last?.openEnded ?? false,
                             label: Self.hasSpeakerLabel(block.text))
        }
        let speakers = SpeakerCache { knownSpeakers(paragraphs, article) }
        var findings: [Finding] = []
        for (p, paragraph) in paragraphs.enumerated() where inScope.contains(paragraph.block) {
            let previous = p > 0 ? paragraphs[p - 1] : nil
            if paragraph.label { continue }
            if let previous, previous.openEnded, paragraph.quotes.first?.span.lowerBound ?? 1 <= 1 { continue }
            for quote in paragraph.quotes where isUnattributed(quote, paragraph, previous: previous, article, speakers) {
                findings.append(Finding(range: article.blocks[paragraph.block].map.range(quote.span),
                                        excerpt: article.blocks[paragraph.block].text(quote.span),
                                        values: ["quote": excerptText(quote.text, limit: 80)]))
            }
        }
        return findings
    }

    /// Whether a quotation stands with no speaker in its sentence or the adjacent ones.
    func isUnattributed(_ quote: Quotation, _ paragraph: Paragraph, previous: Paragraph?, _ article: Article,
                        _ speakers: SpeakerCache) -> Bool {
        let block = article.blocks[paragraph.block]
        guard isQuotation(quote, in: block),
              let s = paragraph.sentences.firstIndex(where: { $0.contains(quote.span.lowerBound) }) else { return false }
        let sentence = paragraph.sentences[s]
        // only a quotation that is its whole sentence is judged
        let before = block.scalars[sentence.lowerBound..<quote.span.lowerBound]
        let after = block.scalars[min(quote.span.upperBound, sentence.upperBound)..<sentence.upperBound]
        if before.contains(where: { $0.properties.isAlphabetic || $0 == ":" }) { return false }
        // after the quote: nothing but punctuation, or a clause after a speech-style comma
        if !quote.text.hasSuffix(","), after.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            return false
        }
        // "…," notes the longtime resident: a short clause after the closing comma names the speaker
        if quote.text.hasSuffix(",") {
            let clause = TextTools.words(after)
            if let opener = clause.first, !Self.clauseOpeners.contains(opener), clause.count <= Self.maxSpeakerClauseWords {
                return false
            }
        }
        if Self.isFollowedByDash(quote, in: block) { return false }
        // a quote-only paragraph that does not end like speech is a heading ("We write with urgency")
        if paragraph.sentences.count == 1, let last = quote.text.unicodeScalars.last, !".!?…,;:—-".unicodeScalars.contains(last) {
            return false
        }
        if paragraph.cue[s] { return false }
        if s > 0 {
            let prior = paragraph.sentences[s - 1]
            if paragraph.strongCue[s - 1] || Self.hasQuote(paragraph, sentence: prior) { return false }
            // "Bridenstine expects three rockets. “Quote.”": the prior sentence's subject speaks elsewhere
            if Self.subjectSpeaks(block.scalars[prior], speakers) { return false }
        }
        if s + 1 < paragraph.sentences.count, paragraph.strongCue[s + 1] { return false }
        if s == 0, Self.followsColon(paragraph.block, article) { return false }
        if s == 0, let previous {
            let before = article.blocks[previous.block]
            if previous.endsWithColon || previous.endsWithTitleCue { return false }
            if namesNextSpeaker(previous, before) { return false }
            // "Mr Moeketsi further accused the chiefs of bribery." then the quote: a paragraph that reports
            // what its subject, who speaks elsewhere in the article, thinks or charges introduces them
            if let last = previous.sentences.last ?? TextTools.sentences(before.scalars).last,
               Self.subjectSpeaks(before.scalars[last], speakers),
               TextTools.words(Self.outsideQuotes(before.scalars, last, previous.quotes.map(\.span))).contains(where: { Self.paraphraseWords.contains($0) || Self.adjacentVerbs.contains($0) }) {
                return false
            }
            // a floating quote continues a real quotation, not scare quotes or a one-word term
            if previous.quotes.contains(where: { isQuotation($0, in: before) }) { return false }
        }
        if paragraph.sentences.count == 1, block.role == .blockquote, let previous,
           article.blocks[previous.block].role == .blockquote { return false }
        // a pull quote repeats words the article gives elsewhere
        if isRepeatedElsewhere(quote, article) { return false }
        return true
    }

    /// Whether a paragraph's last sentence tells who speaks in the quote after it: a speaker with a
    /// speech verb ("She added that the jobs never came.") or a question the quote answers (an interview).
    func namesNextSpeaker(_ paragraph: Paragraph, _ block: Block) -> Bool {
        let spans = paragraph.quotes.map(\.span)
        guard let last = paragraph.sentences.last ?? TextTools.sentences(block.scalars, protected: spans).last else { return false }
        if block.text.trimmingSpaces().hasSuffix("?") { return true }
        // the words outside quotation marks: a title ("I Said No") names no speaker
        return !speakerPositions(TextTools.casedWords(Self.outsideQuotes(block.scalars, last, spans))).isEmpty
    }

    /// Words before a speech verb that make it an infinitive or a passive, with no speaker:
    /// "to insist", "has been acknowledged by", "was told".
    static let notSpeakers: Set<String> = ["to", "be", "been", "being", "is", "was", "were", "are"]
    /// Capitalised words after a speech verb that name its speaker: a title and a name ("said Mr Moeketsi").
    static let namedAfterVerb = 2

    /// The speakers of a sentence's finite speech verbs: the word right before the verb ("she added",
    /// "Levitt said", "the union's president says"; not "to insist", "agree", "saying") and the
    /// capitalised words right after it ("said Mr Moeketsi").
    func speakerPositions(_ words: [TextTools.CasedWord]) -> [Int] {
        var found: [Int] = []
        for i in words.indices where verbs.contains(words[i].text) && !Self.weakVerbs.contains(words[i].text)
            && isFinite(words[i].text) {
            if i + 1 < words.count, Self.requestVerbs.contains(words[i].text), words[i + 1].text == "to" { continue }
            if i > 0, !Self.notSpeakers.contains(words[i - 1].text) { found.append(i - 1) }
            found += (i + 1..<min(i + 1 + Self.namedAfterVerb, words.count)).prefix { words[$0].capitalised }
        }
        return found
    }

    /// Whether the block just before `block` ends with a colon: any role but a figure's caption or
    /// credit or a notice (an introduction a page's layout set apart reads as chrome or a subhead).
    static func followsColon(_ block: Int, _ article: Article) -> Bool {
        guard block > 0, ![.caption, .credit, .notice].contains(article.blocks[block - 1].role) else { return false }
        return article.blocks[block - 1].text.trimmingSpaces().hasSuffix(":")
    }

    /// The dashes that set off an attribution: `"…" — Jane Doe`.
    static let dashes: Set<Unicode.Scalar> = ["—", "–", "―", "-"]

    /// A dash after the quotation, before a name: `"…" — Jane Doe`, `"…" --Thomas Jefferson`.
    static func isFollowedByDash(_ quote: Quotation, in block: Block) -> Bool {
        let s = block.scalars
        var j = quote.span.upperBound
        while j < s.count, s[j] == " " || s[j] == "," { j += 1 }
        guard j < s.count, dashes.contains(s[j]) else { return false }
        while j < s.count, dashes.contains(s[j]) || s[j] == " " { j += 1 }
        return j < s.count && s[j].properties.isUppercase
    }

    /// Whether a speech verb is a past or third-person form: not a base form (its -s form is a verb
    /// too: "agree", "deny") and not an -ing form.
    func isFinite(_ verb: String) -> Bool {
        !verb.hasSuffix("ing") && !verbs.contains(verb + "s") && !verbs.contains(verb + "es")
            && !(verb.hasSuffix("y") && verbs.contains(verb.dropLast() + "ies"))
    }

    /// Names that speak somewhere in the article: the words next to its speech verbs
    /// (`speakerPositions`), and he/she/they once anyone speaks.
    func knownSpeakers(_ paragraphs: [Paragraph], _ article: Article) -> Set<String> {
        var names: Set<String> = []
        for paragraph in paragraphs {
            let block = article.blocks[paragraph.block]
            let (sentences, cue, _) = paragraph.quotes.isEmpty ? sentencesAndCues(block, []) : (paragraph.sentences, paragraph.cue, [])
            for (i, sentence) in sentences.enumerated() where cue[i] {
                let words = TextTools.casedWords(block.scalars[sentence])
                for k in speakerPositions(words) where words[k].capitalised { names.insert(words[k].text) }
            }
        }
        if !names.isEmpty { names.formUnion(["he", "she", "they"]) }
        return names.subtracting(Self.commonStarters)
    }

    /// A paragraph's sentences (never split inside a quotation) and whether each holds an attribution cue.
    func sentencesAndCues(_ block: Block, _ quotes: [Quotation]) -> ([Range<Int>], [Bool], [Bool]) {
        let spans = quotes.map(\.span)
        let sentences = TextTools.sentences(block.scalars, protected: spans)
        let cues = sentences.map { hasCue(block.scalars, $0, excluding: spans) }
        return (sentences, cues.map { $0 != .none }, cues.map { $0 == .strong })
    }

    /// Computes the article's known speakers once, the first time a quotation needs them.
    final class SpeakerCache {
        private let compute: () -> Set<String>
        private(set) lazy var value: Set<String> = compute()
        init(_ compute: @escaping () -> Set<String>) { self.compute = compute }
    }

    /// Words that report a speaker's thought or charge (`speech-verbs.txt`, `[paraphrase]`), beside
    /// every form of the reporting verbs.
    static let paraphraseWords = Set(lexicon.words("paraphrase"))

    /// The most words a sentence's opening phrase has before its comma and its subject
    /// ("However, Melber questions why…", "During the press conference, Fahmi…"): longer, the comma ends a clause.
    static let maxOpeningPhraseWords = 4

    /// Whether a sentence's subject speaks elsewhere in the article: its first word, or the first
    /// word after a short opening phrase set off by a comma.
    static func subjectSpeaks(_ sentence: ArraySlice<Unicode.Scalar>, _ speakers: SpeakerCache) -> Bool {
        let head = sentence.prefix(80)
        if let first = TextTools.words(head.prefix(40)).first, speakers.value.contains(first) { return true }
        guard let comma = head.firstIndex(of: ","), TextTools.words(head[..<comma]).count <= maxOpeningPhraseWords,
              let subject = TextTools.words(head[head.index(after: comma)...]).first else { return false }
        return speakers.value.contains(subject)
    }

    static let commonStarters: Set<String> = ["the", "a", "an", "and", "but", "or", "if", "in", "on", "at", "for", "it",
                                              "this", "that", "there", "when", "while", "after", "before", "as", "so",
                                              "we", "i", "you", "what", "why", "how", "yes", "no", "of", "to", "with"]

    func isRepeatedElsewhere(_ quote: Quotation, _ article: Article) -> Bool {
        let key = TextTools.normalized(quote.text).split(separator: " ").prefix(8).joined(separator: " ")
        guard key.split(separator: " ").count >= 6 else { return false }
        return article.blocks.indices.contains { i in
            i != quote.block && TextTools.normalized(article.blocks[i].text).containsBytes(key)
        }
    }

    /// Whether a span is a direct quotation rather than scare quotes, a term or a title.
    func isQuotation(_ quote: Quotation, in block: Block) -> Bool {
        let words = quote.text.split(separator: " ")
        guard words.count >= minWords else { return false }
        let capitalised = words.filter { $0.first?.isUppercase ?? false }.count
        let endsLikeSpeech = quote.text.last.map { ".,!?…:;—-".contains($0) } ?? false
        if !endsLikeSpeech, Double(capitalised) / Double(words.count) >= 0.7 { return false }
        let lead = TextTools.words(block.scalars[max(0, quote.span.lowerBound - 30)..<quote.span.lowerBound])
        if let last = lead.last, Self.titleCues.contains(last) { return false }
        return true
    }

    enum Cue { case none, weak, strong }

    /// The scalars of `range` with each quotation span in it replaced by a space.
    static func outsideQuotes(_ s: [Unicode.Scalar], _ range: Range<Int>, _ allSpans: [Range<Int>]) -> [Unicode.Scalar] {
        // the quotations in this range only (they are in order and apart): linear in the paragraph
        let spans = overlapping(allSpans, range)
        var outside: [Unicode.Scalar] = []
        var k = range.lowerBound
        var next = spans.startIndex
        while k < range.upperBound {
            while next < spans.endIndex, spans[next].upperBound <= k { next += 1 }
            if next < spans.endIndex, spans[next].contains(k) {
                outside.append(" ")
                k = spans[next].upperBound
                continue
            }
            outside.append(s[k])
            k += 1
        }
        return outside
    }

    /// A speech verb or frame in `range`, outside the quotation spans, and how strong it is.
    func hasCue(_ s: [Unicode.Scalar], _ range: Range<Int>, excluding allSpans: [Range<Int>]) -> Cue {
        let spans = Self.overlapping(allSpans, range)
        let words = TextTools.words(Self.outsideQuotes(s, range, allSpans))
        let found = words.indices.filter { i in
            verbs.contains(words[i]) && !(Self.requestVerbs.contains(words[i]) && i + 1 < words.count && words[i + 1] == "to")
        }.map { words[$0] }
        if found.contains(where: { !Self.weakVerbs.contains($0) }) { return .strong }
        if frames.contains(where: { frame in
            !frame.isEmpty && words.count >= frame.count
                && (0...(words.count - frame.count)).contains { words[$0..<$0 + frame.count].elementsEqual(frame) }
        }) { return .strong }
        // a verb right next to a quotation: "…," comments Smith / Smith notes "…"
        for span in spans where range.overlaps(span) {
            let after = TextTools.words(s[min(span.upperBound, range.upperBound)..<min(span.upperBound + 40, range.upperBound)]).prefix(4)
            let before = TextTools.words(s[max(range.lowerBound, span.lowerBound - 40)..<max(range.lowerBound, span.lowerBound)]).suffix(4)
            if after.contains(where: Self.adjacentVerbs.contains) || before.contains(where: Self.adjacentVerbs.contains) { return .strong }
        }
        // a dash attribution after a quotation: "…" — Jane Doe
        for span in spans where span.upperBound < range.upperBound && range.contains(span.lowerBound) {
            var j = span.upperBound
            while j < s.count, s[j] == " " || s[j] == "," { j += 1 }
            if j < s.count, Self.dashes.contains(s[j]) { return .strong }
        }
        return found.isEmpty ? .none : .weak
    }

    /// The spans (sorted, not overlapping) that overlap `range`, found by binary search.
    static func overlapping(_ spans: [Range<Int>], _ range: Range<Int>) -> ArraySlice<Range<Int>> {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < spans.count, spans[end].lowerBound < range.upperBound { end += 1 }
        return spans[low..<end]
    }

    static func hasQuote(_ paragraph: Paragraph, sentence: Range<Int>) -> Bool {
        paragraph.quotes.contains { sentence.overlaps($0.span) }
    }

    /// Transcript and Q&A labels: `SMITH:`, `Q:`, `NAME, BYLINE:`.
    static func hasSpeakerLabel(_ text: String) -> Bool {
        // the colon found as a byte; a character, unless a combining mark follows it (then ask the characters)
        guard let byte = text.utf8.firstIndex(of: 0x3A) else { return false }
        let after = text.utf8.index(after: byte)
        let colon = after == text.utf8.endIndex || text.utf8[after] < 0x80 ? byte : text.firstIndex(of: ":")
        guard let colon else { return false }
        let label = text[..<colon]
        guard !label.isEmpty, label.count <= 40 else { return false }
        return label.uppercased() == label && label.contains(where: \.isLetter)
    }
}
