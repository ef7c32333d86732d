import CopydeskCore
import Foundation

/// `caption-duplicate`: a figure caption repeated in the body or as another caption.
///
/// Compares whole paragraphs, normalised (case, white space, quotes, dashes,
/// punctuation), with a trailing credit, caption prefixes and expanders stripped.
/// A truncated copy matches by prefix (at least `min_prefix` characters); a lightly
/// edited copy by word 3-gram Jaccard similarity (`similarity`, default 0.8).
/// Captions shorter than `min_words` (a name under a headshot) are not compared.
public struct CaptionDuplicateCheck: CheckKind {
    public static let name = "caption-duplicate"
    public static let summary = "A figure caption must not be repeated in the body or as another figure's caption."
    public static let fixable = true

    let minWords: Int
    let similarity: Double
    let minPrefix: Int

    public init(params: RuleParams) throws {
        try params.allowOnly(["min_words", "similarity", "min_prefix"])
        minWords = try params.int("min_words") ?? 5
        similarity = try params.double("similarity") ?? 0.8
        minPrefix = try params.int("min_prefix") ?? 40
    }

    static let prefixes = ["image caption", "media caption", "caption", "file", "above", "pictured"] + CaptionCues.expanders

    /// The caption's own words: credit, prefixes (with a player's notice or a credit before a
    /// media label), gallery counters, a trailing parenthesis ("(Published Monday)") and
    /// expanders removed, normalised.
    static func core(_ text: String) -> String {
        var norm = TextTools.normalized(text)
        if let cut = CreditRecognizer.trailingCredit(in: text) {
            norm = TextTools.normalized(String(text.unicodeScalars.prefix(cut)))
        } else if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
                  text[open...].split(separator: " ").count <= 8 {
            norm = TextTools.normalized(String(text[..<open]))
        }
        norm = Self.droppingGalleryCounter(norm)
        // "Media playback is unsupported … Media caption …", "Image copyright Reuters Image caption …":
        // what stands before a media label is a player's notice or a credit
        for label in CaptionCues.mediaLabels {
            if norm.containsBytes(label), let r = norm.range(of: label), norm.distance(from: norm.startIndex, to: r.lowerBound) <= 80 {
                norm = String(norm[r.lowerBound...])
            }
        }
        // a label of two words or more may run into the caption in copied text ("Media captionDrone…")
        for prefix in prefixes where norm.hasPrefix(prefix + " ") || (prefix.contains(" " as Character) && norm.hasPrefix(prefix)) {
            norm = String(norm.dropFirst(prefix.count).drop(while: { $0 == " " }))
        }
        if norm.hasPrefix("in this "), let comma = norm.firstRange(of: " photo ") {
            norm = String(norm[comma.upperBound...])
        }
        for suffix in CaptionCues.expanders.map({ " " + $0 }) + [" read more"] where norm.hasSuffix(suffix) {
            norm = String(norm.dropLast(suffix.count))
        }
        return norm
    }

    /// "3of4a shopper…" → "a shopper…": the counter galleries put before each caption.
    static func droppingGalleryCounter(_ text: String) -> String {
        let digits = text.prefix(while: \.isNumber)
        guard !digits.isEmpty else { return text }
        var rest = text.dropFirst(digits.count).drop(while: { $0 == " " })
        guard rest.hasPrefix("of") else { return text }
        rest = rest.dropFirst(2).drop(while: { $0 == " " })
        let total = rest.prefix(while: \.isNumber)
        guard !total.isEmpty else { return text }
        return String(rest.dropFirst(total.count).drop(while: { $0 == " " }))
    }

    /// A caption or candidate paragraph, normalised once.
    struct Text {
        let block: Int
        let core: String
        let words: [Substring]
        /// Hashes of the word 3-grams.
        let trigrams: Set<Int>
        /// The first `overlapWords` words, hashed, for a quick overlap test.
        let wordHashes: [UInt64]

        init(block: Int, core: String) {
            self.block = block
            self.core = core
            let words = core.spaceSeparatedWords()
            self.words = words
            wordHashes = TextTools.wordHashes(ofNormalized: core, limit: CaptionDuplicateCheck.overlapWords)
            trigrams = words.count >= 3 ? Set((0...(words.count - 3)).map { i in
                var hasher = Hasher()
                for word in words[i..<i + 3] { hasher.combine(word) }
                return hasher.finalize()
            }) : []
        }
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let captions: [Text] = article.blocks.indices.flatMap { i -> [Text] in
            guard article.blocks[i].role == .caption else { return [] }
            let text = article.blocks[i].text
            // a caption that is only a credit ("Ann Lee for The Harbor Times") says nothing of its own:
            // one photographer's pictures all carry it
            if CreditRecognizer.isCaptionCredit(text) { return [] }
            // a figure's text may open with its video's title: the caption proper is compared too
            return ([text] + (Self.afterTitle(text).map { [$0] } ?? [])).map { Text(block: i, core: Self.core($0)) }
                .filter { $0.words.count >= minWords }
        }
        var findings: [Finding] = []
        var low = 0, high = 0   // captions[low..<high] stand within `storyBlocks` of block i
        for i in article.blocks.indices where [.body, .blockquote, .standfirst, .caption, .chrome].contains(article.blocks[i].role) {
            let block = article.blocks[i]
            while low < captions.count, captions[low].block < i - Self.storyBlocks { low += 1 }
            high = max(high, low)
            while high < captions.count, captions[high].block <= i + Self.storyBlocks { high += 1 }
            if let caption = repeatedCaption(i, captions: captions[low..<high], article: article) {
                let captionBlock = article.blocks[caption]
                findings.append(Finding(
                    range: block.range, excerpt: block.text,
                    values: ["caption": excerptText(captionBlock.text, limit: 80), "line": String(captionBlock.range.start.line)],
                    related: [RelatedLocation(range: captionBlock.range, message: "the caption it repeats")],
                    fix: removal(of: block, in: article)))
            }
        }
        return findings
    }

    /// A repeat stands within this many blocks of its caption: a story is shorter (the longest page of
    /// both corpora parses to 594 blocks, chrome included), so a caption further away belongs to another
    /// story of the file (an archive joined into one), and the work stays linear in the file's length.
    static let storyBlocks = 1_000

    /// The quick overlap test compares this many opening words: a repeat shares half of them with its
    /// caption, and the words of a long paragraph past them would only cost time.
    static let overlapWords = 40

    /// The caption block that paragraph `i` repeats, if any.
    func repeatedCaption(_ i: Int, captions: ArraySlice<Text>, article: Article) -> Int? {
        let block = article.blocks[i]
        // cheap guard before normalising: a repeat is about as long as some caption; a caption under
        // twelve words is matched only by near-equal copies, so a paragraph far longer is none of its
        let words = block.text.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
        guard captions.contains(where: {
                  Double(block.scalars.count) >= 0.3 * Double(article.blocks[$0.block].scalars.count)
                      && ($0.words.count >= 12 || words <= 2 * $0.words.count + 10)
              }),
              block.scalars.count < 4000 else { return nil }
        // cheap guard: a repeat shares most of its opening words with some caption
        let plain = TextTools.wordHashes(ofNormalized: TextTools.normalized(String(block.text.prefix(400))), limit: Self.overlapWords)
        guard captions.contains(where: { c in
            Double(TextTools.sharedCount(c.wordHashes, plain)) >= 0.5 * Double(min(c.wordHashes.count, plain.count))
        }) else { return nil }
        let candidate = Text(block: i, core: Self.core(block.text))
        // page chrome repeats titles (teasers, menus, a video player's end card, a playlist); a caption
        // copied into it is no title. A short line standing between two paragraphs of the story is the story's.
        let amidStory = i > 0 && i + 1 < article.blocks.count && article.blocks[i - 1].role == .body && article.blocks[i + 1].role == .body
        let judgedAsChrome = block.role == .chrome && !amidStory
        guard candidate.words.count >= (judgedAsChrome ? max(minWords, 8) : minWords),
              !judgedAsChrome || !(Self.isTitle(block.text) || Self.isHeadline(block.text)) else { return nil }
        return captions.first(where: { c in
            // a body copy may stand before or after its caption; of two captions the copy is the one
            // with no figure of its own, else the second
            let loneCopy = block.role == .caption && block.figure == nil
            let originalIsCopy = article.blocks[c.block].figure == nil && block.figure != nil
            return c.block != i && !originalIsCopy && (block.role != .caption || loneCopy || c.block < i)
                && (block.figure == nil || block.figure != article.blocks[c.block].figure)
                && same(candidate, c, truncated: Self.isTruncated(block.text))
        })?.block
    }

    /// Equal, a truncated copy, similar enough by word 3-grams, or a paragraph that opens
    /// with the caption's first sentence lightly edited (a caption *sentence* echoed later in
    /// a paragraph, AP's caption formula, is not a repeat).
    func same(_ a: Text, _ b: Text, truncated: Bool) -> Bool {
        if a.core == b.core { return true }
        let aShorter = a.core.utf8.count < b.core.utf8.count
        let shorter = aShorter ? a.core : b.core, longer = aShorter ? b.core : a.core
        if truncated, shorter.utf8.count >= minPrefix, longer.hasPrefix(shorter) { return true }
        guard !a.trigrams.isEmpty, !b.trigrams.isEmpty else { return false }
        let sizes = Double(min(a.trigrams.count, b.trigrams.count)) / Double(max(a.trigrams.count, b.trigrams.count))
        if sizes >= similarity {
            // Jaccard's index, counted over the smaller set with no set built: |a ∪ b| = |a| + |b| − |a ∩ b|
            let (small, large) = a.trigrams.count <= b.trigrams.count ? (a.trigrams, b.trigrams) : (b.trigrams, a.trigrams)
            let shared = small.count(where: large.contains)
            if Double(shared) / Double(a.trigrams.count + b.trigrams.count - shared) >= similarity { return true }
        }
        let n = min(a.words.count, b.words.count)
        guard n >= 12, Set(a.words.prefix(5)).intersection(b.words.prefix(5)).count >= 3 else { return false }
        return Self.lcsRatio(Array(a.words.prefix(n + 2)), Array(b.words.prefix(n + 2))) >= 0.9
    }

    /// 2·LCS / (|a| + |b|) over words: 1 for equal sequences, high for light edits.
    static func lcsRatio(_ a: [Substring], _ b: [Substring]) -> Double {
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return 2 * Double(previous[b.count]) / Double(a.count + b.count)
    }

    /// The text after a title-case run of four words or more that opens it, when a sentence
    /// follows ("Video Shows Rescue of Kidnapped Girl A video showing the rescue…" → "A video…").
    static func afterTitle(_ text: String) -> String? {
        let words = text.split(separator: " ")
        guard words.count >= 8 else { return nil }
        let isLower = { (w: Substring) in w.first?.isLowercase == true }
        for k in 4..<(words.count - 2) where words[k].first?.isUppercase == true && isLower(words[k + 1]) && isLower(words[k + 2]) {
            guard let last = words[k - 1].last, last.isLetter || last == "'" || last == "’" || last == "!",
                  isTitle(words[..<k].joined(separator: " ")) else { return nil }
            return words[k...].joined(separator: " ")
        }
        return nil
    }

    /// Title case: most longer words capitalised, as headlines and video titles are.
    static func isTitle(_ text: String) -> Bool {
        let words = text.split(separator: " ").filter { $0.count > 3 }
        return words.count >= 3 && words.filter { $0.first(where: \.isLetter)?.isUppercase == true }.count * 10 >= words.count * 7
    }

    /// A headline or teaser title runs to at most this many words.
    static let headlineWords = 14

    /// A headline in sentence case, as AP writes them: short, capitalised, with no closing full stop
    /// (a caption is a sentence).
    static func isHeadline(_ text: String) -> Bool {
        guard text.first?.isUppercase == true, let last = text.last, !".!?\"”’)".contains(last) else { return false }
        return text.split(separator: " ").count <= headlineWords
    }

    static func isTruncated(_ text: String) -> Bool {
        text.hasSuffix("…") || text.hasSuffix("...") || text.suffix(9).lowercased() == "read more" || text.hasSuffix("[+]")
    }

    /// The block's lines, newline included, when the block fills them.
    /// Removing a repeat: its whole lines where it has lines to itself in copied text or Markdown (its
    /// own paragraph, markup included); in HTML, only text spelled verbatim, so that no tag is cut.
    func removal(of block: Block, in article: Article) -> Fix? {
        if article.format == "html" {
            return block.fix(replacing: 0..<block.scalars.count, with: "").fix
        }
        return Fix(edits: [TextEdit(range: Self.wholeLines(block.range, blockStartsLine: block.range.start.column == 1),
                                    replacement: "", expected: block.text)])
    }

    static func wholeLines(_ range: SourceRange, blockStartsLine: Bool) -> SourceRange {
        guard blockStartsLine else { return range }
        return SourceRange(start: range.start, end: SourceLocation(line: range.end.line + 1, column: 1))
    }
}
