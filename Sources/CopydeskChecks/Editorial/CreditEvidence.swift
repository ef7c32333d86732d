import CopydeskCore
import Foundation

/// What an article shows about a figure that no credit was found for: the features the
/// credit-missing model weighs to say how likely the finding is right.
///
/// Each feature is one plain fact a copy editor could check by eye (is there an image? does
/// the caption end in a person's name? does the next line hold only a name?), valued 0 or 1,
/// or a fraction. The model (`Resources/models/credit-missing.json`) learns from labelled
/// pages of many publishers how much each fact counts; none of them describes one site.
enum CreditEvidence {
    /// Every feature this type computes, in the order it computes them.
    static let names: [String] = {
        let nowhere = SourceRange(at: SourceLocation(line: 1, column: 1))
        return features(of: Figure(location: nowhere), in: Article(path: "", format: "text")).map(\.name)
    }()

    /// Longest caption in words that the word-count feature distinguishes: past it, length says nothing more.
    static let captionWordsCeiling = 80.0
    /// Figures on a page past which a page is a gallery either way.
    static let figuresCeiling = 30.0
    /// A line holding only a name (a photographer's credit without a label) has at most this many words.
    static let nameLineWords = 6

    /// Uncredited figures within this many blocks of each other form a run: lists of teasers and
    /// menus read as captions come in runs, a story's pictures rarely do.
    static let nearbyBlocks = 6
    /// Runs of this many other uncredited figures nearby count fully.
    static let nearbyCeiling = 3.0

    /// Words a credit ends on when it has no name: "Supplied", "Handout", "File", "Getty Images"
    /// (`Resources/lexicons/credit-words.txt`, `[tail]`).
    private static let creditTailWords = Set(CreditRecognizer.words.entries("tail"))

    /// Words that, next to a caption, say the line is about a picture's origin (`[nearby]`).
    private static let creditWords = CreditRecognizer.words.entries("nearby")

    /// The features of `figure` in `article`, in the order of `names`.
    static func features(of figure: Figure, in article: Article) -> [Evidence] {
        let captionBlock = figure.caption.map { article.blocks[$0] }
        let caption = captionBlock?.text ?? ""
        let words = caption.split(separator: " ")
        let lower = captionBlock?.folded ?? ""
        let flag = { (b: Bool) in b ? 1.0 : 0.0 }

        var neighbours: [Block] = []
        if let c = figure.caption {
            for j in [c - 1, c + 1] where article.blocks.indices.contains(j) { neighbours.append(article.blocks[j]) }
        }
        let credited = article.figures.filter { !($0.credit ?? "").isEmpty }.count
        let nearby = figure.caption.map { c in
            article.figures.filter { other in
                guard let o = other.caption, o != c, (other.credit ?? "").isEmpty else { return false }
                return abs(o - c) <= nearbyBlocks
            }.count
        } ?? 0
        let lettered = words.map { $0.filter(\.isLetter) }.filter { $0.count >= 4 }
        let titleCase = lettered.isEmpty ? 0 : Double(lettered.filter { $0.first!.isUppercase }.count) / Double(lettered.count)
        let tailWords = words.suffix(3).map { $0.lowercased().filter(\.isLetter) }
        let firstWord = words.first.map { $0.filter(\.isLetter) } ?? ""
        let lead = words.prefix(4).joined(separator: " ").lowercased()
        let labelled = CaptionCues.isLabelled(caption)

        return [
            Evidence("format_text", flag(article.format == "text")),
            Evidence("format_markdown", flag(article.format == "markdown")),
            Evidence("format_html", flag(article.format == "html")),
            Evidence("has_image", flag(figure.source != nil)),
            Evidence("has_alt", flag(!(figure.alt ?? "").isEmpty)),
            Evidence("has_caption", flag(captionBlock != nil)),
            Evidence("caption_words", min(Double(words.count), captionWordsCeiling) / captionWordsCeiling),
            Evidence("caption_sentence", flag(caption.last.map { ".!?\"”’)".contains($0) } ?? false)),
            Evidence("caption_quoted", flag(caption.containsAnyBytes(["\"", "“", "”"]))),
            Evidence("caption_personal", flag(words.contains { ["I", "I'm", "we", "We", "you", "You", "my", "My", "our", "Our"].contains($0) })),
            Evidence("caption_agency", flag(CreditRecognizer.lowercasedAgencies.contains { containsWord(lower, $0) })),
            Evidence("caption_slash", flag(hasNameSlash(caption))),
            Evidence("caption_name_tail", flag(endsWithName(words))),
            Evidence("caption_paren_tail", flag(caption.hasSuffix(")"))),
            Evidence("caption_upper_tail", flag(endsInCapitals(words))),
            Evidence("caption_bar_tail", flag(caption.hasSuffix("|"))),
            Evidence("caption_bracket_tail", flag(caption.hasSuffix("]"))),
            Evidence("caption_credit_word_tail", flag(tailWords.contains { creditTailWords.contains($0) })),
            Evidence("caption_title_case", titleCase),
            Evidence("caption_upper_lead", flag(firstWord.count >= 3 && firstWord.allSatisfy(\.isUppercase))),
            Evidence("caption_agency_lead", flag(CreditRecognizer.lowercasedAgencies.contains { lead.hasPrefix($0 + " ") })),
            Evidence("caption_credit_fragment", flag(endsWithCreditFragment(caption))),
            Evidence("caption_name_in_brackets", flag(endsWithBracketedName(caption))),
            Evidence("caption_control", flag(words.count <= controlWords && (labelled
                || ["view", "click", "tap", "see", "watch"].contains(words.first?.lowercased() ?? "")))),
            Evidence("caption_by_phrase", flag(hasByPhrase(captionBlock?.folded ?? "", words))),
            Evidence("caption_few_words", flag(words.filter { $0.filter(\.isLetter).count >= 3 }.count < 2)),
            Evidence("caption_file_name", flag([".jpg", ".jpeg", ".png", ".gif", ".webp"].contains { lower.containsBytes($0) })),
            Evidence("caption_truncated", flag(caption.hasSuffix("…") || caption.hasSuffix("..."))),
            Evidence("caption_name_only", flag(isNameLine(caption) && words.count <= 3)),
            Evidence("caption_labelled", flag(labelled)),
            Evidence("caption_pictured", flag(CaptionCues.describesPicture(caption))),
            Evidence("caption_empty_slot", flag(CreditRecognizer.hasEmptyCreditSlot(caption))),
            Evidence("caption_prose", flag(captionBlock?.isProse ?? false)),
            Evidence("neighbour_name_line", flag(neighbours.contains { isNameLine($0.text) })),
            Evidence("neighbour_credit_word", flag(neighbours.contains { n in
                n.scalars.count <= 120 && creditWords.contains { n.folded.containsBytes($0) }
            })),
            Evidence("neighbour_chrome", flag(neighbours.contains { $0.role == .chrome })),
            Evidence("nearby_uncredited", min(Double(nearby), nearbyCeiling) / nearbyCeiling),
            Evidence("position", figure.caption.map { Double($0) / Double(max(1, article.blocks.count)) } ?? 0),
            Evidence("figures", min(Double(article.figures.count), figuresCeiling) / figuresCeiling),
            Evidence("credited_share", article.figures.isEmpty ? 0 : Double(credited) / Double(article.figures.count)),
        ]
    }

    /// Whether `word` stands in `text` between non-letters.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        guard text.containsBytes(word) else { return false }
        var rest = text[...]
        while let r = rest.range(of: word) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            rest = text[r.upperBound...]
        }
        return false
    }

    /// "Jane Doe/Agency", "Doe / Agency": a capitalised word on each side of a slash.
    static func hasNameSlash(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() where s == "/" {
            var before = i - 1
            while before >= 0, scalars[before] == " " { before -= 1 }
            var after = i + 1
            while after < scalars.count, scalars[after] == " " { after += 1 }
            guard before >= 0, after < scalars.count, scalars[before].properties.isAlphabetic,
                  scalars[after].properties.isUppercase else { continue }
            return true
        }
        return false
    }

    /// A caption that closes on two to four capitalised words and no full stop: "… on Tuesday Jane Doe".
    static func endsWithName(_ words: [Substring]) -> Bool {
        guard words.count >= 4, let last = words.last, !".!?".contains(last.last ?? ".") else { return false }
        let tail = words.suffix(4).reversed().prefix { $0.first?.isUppercase ?? false }
        return (2...4).contains(tail.count)
    }

    /// A caption that closes on a word in capitals: "… MUST CREDIT", "… AFP".
    static func endsInCapitals(_ words: [Substring]) -> Bool {
        guard let last = words.last?.filter(\.isLetter), last.count >= 2 else { return false }
        return last.allSatisfy(\.isUppercase)
    }

    /// A player's or gallery's control ("toggle caption", "View this image ›", "Click to reveal") is short.
    static let controlWords = 5

    /// Words of a trailing fragment that make it a credit rather than the end of a sentence: at most
    /// this many, nearly all capitalised ("… on Tuesday. Jane Doe for The Daily Planet").
    static let fragmentWords = 8

    /// Whether the caption's last sentence is a fragment of capitalised words with no closing
    /// punctuation, after a sentence that closes: a credit run onto the caption with no label.
    static func endsWithCreditFragment(_ caption: String) -> Bool {
        guard let last = caption.last, !".!?\"”’".contains(last) else { return false }
        guard let stop = caption.range(of: ". ", options: .backwards) else { return false }
        let fragment = caption[stop.upperBound...].split(separator: " ")
        guard (1...fragmentWords).contains(fragment.count) else { return false }
        let joiners: Set<Substring> = ["for", "of", "via", "and", "the", "/", "|", "-", "–", "—"]
        let capitalised = fragment.filter { $0.first?.isUppercase ?? false }.count
        return capitalised * 4 >= (fragment.count - fragment.filter(joiners.contains).count) * 3 && capitalised >= 1
    }

    /// Whether the caption closes on a few capitalised words in brackets or parentheses, with no
    /// digit: "(Jane Doe)", "[Agency]", "(Station)": how many papers set a credit with no label.
    static func endsWithBracketedName(_ caption: String) -> Bool {
        guard let close = caption.last, close == ")" || close == "]",
              let open = caption.lastIndex(of: close == ")" ? "(" : "[") else { return false }
        let inner = caption[caption.index(after: open)..<caption.index(before: caption.endIndex)].split(separator: " ")
        guard (1...5).contains(inner.count), !inner.contains(where: { $0.contains(where: \.isNumber) }) else { return false }
        return inner.allSatisfy { $0.first.map { $0.isUppercase || $0 == "/" } ?? false }
    }

    /// "Animation by Jane Doe", "Video shot and edited by …", "courtesy of …": who made the picture.
    static func hasByPhrase(_ folded: String, _ words: [Substring]) -> Bool {
        if folded.containsBytes("courtesy of") { return true }
        for (i, w) in words.enumerated() where w == "by" && i + 1 < words.count && i >= 1 {
            let maker = words[i - 1].lowercased()
            if ["photo", "photos", "photograph", "photographed", "animation", "illustration", "video", "edited", "shot",
                "image", "images", "graphic", "drawing", "taken", "provided", "captured", "filmed"].contains(maker),
               words[i + 1].first?.isUppercase ?? false { return true }
        }
        return false
    }

    /// A short line of capitalised words only: a name, as a credit without its label.
    static func isNameLine(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...nameLineWords).contains(words.count), !text.hasSuffix(".") else { return false }
        return words.allSatisfy { w in w.first.map { $0.isUppercase || $0 == "/" || $0 == "|" || $0 == "©" } ?? false }
    }
}
