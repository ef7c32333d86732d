import CopydeskCore
import Foundation

/// The steps every parser shares once its blocks are built: copyright notices,
/// quotations, suppressions and a dateline date when nothing better is known.
enum ArticleAssembler {
    static func finish(_ article: inout Article, source: String) {
        dropGalleryCounts(&article)
        splitLeadingCredits(&article)
        findNotices(&article)
        if let (date, block) = dateline(in: article) {
            if article.published == nil {
                article.published = date
                if article.blocks[block].role == .chrome { article.blocks[block].role = .dateline }
            } else if date.year != article.published!.year {
                article.shownDate = date
            }
        }
        if article.published == nil { article.mentionedDate = latestMention(in: article) }
        article.quotations = QuoteScanner.quotations(in: article)
        let inline = Suppressions.scan(source)
        let fileWide = article.suppressions.disabledRules
        article.suppressions = inline
        article.suppressions.disabledRules.formUnion(fileWide)
        article.suppressions.mentioned += fileWide.sorted().map { ($0, 0) }
    }

    /// A gallery prints its count before every caption ("6 The singer, 64, was diagnosed …" under
    /// each of six pictures). When every caption of a page, two or more, opens with the same number
    /// and the number is at least their count, it is the gallery's count, not the captions' words.
    static func dropGalleryCounts(_ article: inout Article) {
        let captions = article.blocks.indices.filter { article.blocks[$0].role == .caption }
        guard captions.count >= 2, let count = galleryCount(article.blocks[captions[0]].scalars), count.value >= captions.count,
              captions.allSatisfy({ galleryCount(article.blocks[$0].scalars)?.value == count.value }) else { return }
        for i in captions {
            let old = article.blocks[i].text
            article.blocks[i] = article.blocks[i].dropping(first: count.length)
            // a caption that carries its own credit is the figure's credit too
            for f in article.figures.indices where article.figures[f].caption == i && article.figures[f].credit == old {
                article.figures[f].credit = article.blocks[i].text
            }
        }
    }

    /// A caption that opens with its credit ("Ann Lee/Valley Photo Volunteers stack sandbags …",
    /// "REUTERS Crowds gather …"): the credit is the figure's, the rest the caption.
    static func splitLeadingCredits(_ article: inout Article) {
        for f in article.figures.indices {
            guard let c = article.figures[f].caption, let start = CreditRecognizer.leadingCredit(in: article.blocks[c].text) else { continue }
            let block = article.blocks[c]
            if article.figures[f].credit == nil || article.figures[f].credit == block.text {
                article.figures[f].credit = block.text(0..<start).trimmingSpaces()
                article.figures[f].creditLocation = block.map.range(0..<(start - 1))
            }
            article.blocks[c] = block.dropping(first: start)
        }
    }

    /// A number of one or two digits, a space, then a capital: the number and the scalars it takes, space included.
    static func galleryCount(_ scalars: [Unicode.Scalar]) -> (value: Int, length: Int)? {
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        guard (1...2).contains(digits.count), scalars.count > digits.count + 1, scalars[digits.count] == " ",
              scalars[digits.count + 1].properties.isUppercase, let value = Int(String(scalars: digits)) else { return nil }
        return (value, digits.count + 1)
    }

    /// Adds a notice for every notice-like block; photo copyrights in captions and credits are left out.
    static func findNotices(_ article: inout Article) {
        for index in article.blocks.indices {
            let block = article.blocks[index]
            guard block.role != .caption, block.role != .credit,
                  let match = NoticeRecognizer.match(block.text) else { continue }
            let text = block.text(match.span)
            if NoticeRecognizer.isPhotoNotice(block.text(0..<match.span.upperBound)) { continue }
            article.notices.append(CopyrightNotice(
                text: text, years: match.years, holder: match.holder, location: block.map.range(match.span),
                yearLocation: match.yearSpan.flatMap { block.map.isVerbatim($0) ? block.map.range($0) : nil }, origin: .text))
            if block.scalars.count <= 300 { article.blocks[index].role = .notice }
        }
    }

    /// A dated byline or dateline near the top (before the fifth paragraph of prose), else
    /// a line anywhere that says what its date is ("Published …", "Updated …", "By … — date").
    static func dateline(in article: Article) -> (PublicationDate, block: Int)? {
        var paragraphs = 0
        var candidates: [Int] = []
        for i in article.blocks.indices {
            let block = article.blocks[i]
            if block.role == .body, block.isProse { paragraphs += 1 }
            guard ![.notice, .caption, .credit].contains(block.role) else { continue }
            if paragraphs <= 4 {
                candidates.append(i)
            } else if ["published", "updated", "posted", "by "].contains(where: block.folded.hasPrefix) {
                candidates.append(i)
            }
        }
        for i in candidates {
            let block = article.blocks[i]
            guard let m = datelineDate(block.text) else { continue }
            return (date(m, in: block, source: .dateline), i)
        }
        return nil
    }

    /// A date found in a block's text, located in the source.
    static func date(_ m: DateRecognizer.Match, in block: Block, source: PublicationDate.Source) -> PublicationDate {
        let ns = block.text as NSString
        let start = (ns.substring(to: m.range.location) as String).unicodeScalars.count
        let length = (ns.substring(with: m.range) as String).unicodeScalars.count
        return PublicationDate(year: m.year, month: m.month, day: m.day, source: source, text: ns.substring(with: m.range),
                               location: block.map.range(start..<start + length))
    }

    /// The latest date written out in the story's blocks, or in an embedded post's signature
    /// ("— Jane Doe (@janedoe) November 18, 2019") that page chrome holds.
    static func latestMention(in article: Article) -> PublicationDate? {
        var latest: PublicationDate?
        for block in article.blocks where block.role != .notice && block.text.containsAnyBytes(["19", "20"]) {
            guard block.role != .chrome || (block.text.hasPrefix("— ") && block.text.containsBytes("(@")) else { continue }
            for m in DateRecognizer.writtenDates(in: block.text) {
                guard latest.map({ ($0.year, $0.month ?? 0, $0.day ?? 0) < (m.year, m.month, m.day) }) ?? true else { continue }
                latest = date(m, in: block, source: .mention)
            }
        }
        return latest
    }

    /// A notice from a structured field (front matter, JSON-LD, meta), located at `location`.
    static func structuredNotice(_ text: String, year: Int? = nil, holder: String? = nil,
                                 location: SourceRange) -> CopyrightNotice? {
        if let match = NoticeRecognizer.match(text) ?? NoticeRecognizer.match("© " + text) {
            return CopyrightNotice(text: text, years: match.years, holder: match.holder ?? holder,
                                   location: location, yearLocation: nil, origin: .structured)
        }
        guard let year else { return nil }
        return CopyrightNotice(text: "© \(year)" + (holder.map { " " + $0 } ?? ""), years: year...year,
                               holder: holder, location: location, yearLocation: nil, origin: .structured)
    }

    /// A date parsed from a front-matter, JSON-LD or meta value.
    static func date(_ value: String, source: PublicationDate.Source, location: SourceRange?) -> PublicationDate? {
        guard let m = DateRecognizer.first(in: value) else { return nil }
        return PublicationDate(year: m.year, month: m.month, day: m.day, source: source, text: value, location: location)
    }

    /// Letters and digits, lowercased: two copies of a caption or alt text compare equal.
    static func key(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }

    /// A caption's letters and digits, lowercased, with its label and whatever stands before the
    /// label (a player's notice, a credit) dropped: two copies of one caption compare equal.
    static func captionKey(_ text: String) -> String {
        var key = self.key(text)
        // "Image copyright Reuters Image caption …": what comes before the label is a credit or a notice
        for label in CaptionCues.mediaLabels.map({ Self.key($0) }) {
            if let r = key.range(of: label), key.distance(from: key.startIndex, to: r.lowerBound) <= 80 {
                return String(key[r.upperBound...])
            }
        }
        if key.hasPrefix("caption") { key.removeFirst("caption".count) }
        return key
    }

    /// A wire story's opening dateline: "WASHINGTON — …", "Dekalb, Ill. — …", "SANTA FE, N.M. (AP) — …".
    private static let datelineLede = try! NSRegularExpression(pattern: """
        ^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?|\
        [A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z][a-z]{1,4}\\.)(?: \\((?:AP|Reuters|AFP|UPI|CNN)\\))? [—–-]{1,2} \\S
        """)

    /// Whether a paragraph opens with a wire story's dateline.
    static func opensWithDateline(_ text: String) -> Bool {
        let ns = text as NSString
        return datelineLede.firstMatch(in: text, range: NSRange(location: 0, length: ns.wholeCharacter(at: min(ns.length, 80)))) != nil
    }

    /// Plain-text heuristics shared by the parsers: is this a dateline or byline line?
    static func datelineDate(_ text: String) -> DateRecognizer.Match? {
        // cheap guards first: most lines tried (menus, chrome) are long or have no digit
        guard text.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return nil }
        let words = text.split(separator: " ").count
        guard words <= 22, let m = DateRecognizer.first(in: text) else { return nil }
        let lower = text.lowercased()
        let cue = lower.hasPrefix("by ") || lower.contains("published") || lower.contains("updated")
            || lower.contains("posted") || lower.contains(" am ") || lower.contains(" pm ") || lower.hasSuffix(" am")
            || lower.hasSuffix(" pm") || lower.contains(" et") || lower.contains(" gmt") || lower.contains(" edt")
        return (words <= 9 || cue) ? m : nil
    }
}
