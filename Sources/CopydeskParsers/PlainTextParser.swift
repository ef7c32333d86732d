import CopydeskCore
import Foundation

/// Reads text copied from a rendered web page, or wire copy, by segmenting lines.
///
/// Every non-empty line is a paragraph (hard-wrapped wire copy is joined into
/// paragraphs at blank lines). Lines are then labelled: page chrome by lexicon and
/// shape, figures as caption plus credit lines (a credit may be split over lines
/// around a lone `/`), byline and dateline near the top, copyright notices, and body.
public struct PlainTextParser: ArticleParser {
    public static let format = "text"
    public static let extensions = ["txt", "text"]

    public init() {}

    /// One paragraph-to-be: one line, or several wrapped lines.
    struct Unit {
        var builder = TextBuilder()
        var firstLine: Int
        /// Blank lines between this unit and the one before.
        var blanksBefore: Int
        var blankBefore: Bool { blanksBefore > 0 }
        /// Set once the unit is complete.
        var block = Block(role: .body, scalars: [], map: SourceMap())
        var text = ""
        var words = 0
    }

    public func parse(_ source: SourceText) throws -> Article {
        var article = Article(path: source.path, format: Self.format)
        let units = Self.units(source.text)
        var roles = [BlockRole?](repeating: nil, count: units.count)
        var figureOf = [Int?](repeating: nil, count: units.count)
        var figures: [(caption: Int?, credit: [Int])] = []
        let texts = units.map(\.text)

        for i in units.indices {
            if NoticeRecognizer.match(texts[i]) != nil, !NoticeRecognizer.isPhotoNotice(texts[i]) {
                roles[i] = .notice
            } else if ChromeLexicon.isChrome(texts[i]) || CaptionCues.isVideoStamp(texts[i]) {
                roles[i] = .chrome
            }
        }

        // Figures: credit groups, and the caption next to them.
        var i = 0
        while i < units.count {
            defer { i += 1 }
            guard roles[i] == nil else { continue }
            var group: [Int] = []
            if ["/", "|"].contains(texts[i]), i > 0, i + 1 < units.count, roles[i - 1] == nil,
               units[i - 1].words <= 6, units[i + 1].words <= 6, !units[i].blankBefore, !units[i + 1].blankBefore {
                group = [i - 1, i, i + 1]
            } else if CreditRecognizer.isEmptyCreditLine(texts[i]), i > 0, units[i - 1].words >= 3 {
                group = [i]
            } else if CreditRecognizer.isCreditLine(texts[i]), !CreditRecognizer.isCreditedCaption(texts[i]) {
                group = [i]
                if texts[i].hasSuffix("...") || texts[i].hasSuffix("…") || texts[i].hasSuffix(":"),
                   i + 1 < units.count, units[i + 1].words <= 10, roles[i + 1] == nil, !units[i + 1].blankBefore {
                    group.append(i + 1)
                }
            } else {
                continue
            }
            if group.first! < i, let last = figures.last, last.credit.contains(group.first!) { continue }
            for g in group { roles[g] = .credit }
            // a credit standing before a marked caption ("Image copyright X" / "Image caption …") is its credit
            let next = group.last! + 1
            var caption = next < units.count && !units[next].blankBefore && CaptionCues.isLabelled(texts[next]) ? next
                : Self.captionIndex(before: group.first!, units: units, roles: roles)
            // a credit set apart above its caption: the next paragraph, when it reads as one and the
            // paragraph above does not
            if caption == nil || (units[group.first!].blankBefore && !Self.isUncreditedCaption(caption!, units: units, roles: roles)),
               next < units.count, roles[next] == nil, Self.isUncreditedCaption(next, units: units, roles: roles) {
                caption = next
            }
            if let c = caption { roles[c] = .caption }
            let figure = figures.count
            figures.append((caption, group))
            for g in group + (caption.map { [$0] } ?? []) { figureOf[g] = figure }
            i = group.last!
        }
        // Captions that carry their own credit, and captions with no credit: marked as such, ending
        // in an empty credit slot, or a lone paragraph that describes a picture.
        let counters = Self.galleryCounters(units)
        let setApart = Self.setApartLines(units, roles: roles)
        let leadCaption = Self.leadCaption(units, roles: roles)
        var captionKeys = Set(roles.indices.filter { roles[$0] == .caption }.map { ArticleAssembler.captionKey(texts[$0]) })
        for i in units.indices where roles[i] == nil {
            let text = texts[i]
            let credited = units[i].words <= 80 && (CreditRecognizer.trailingCredit(in: text) != nil
                                                    || CreditRecognizer.hasLeadingCredit(text))
            guard credited || CaptionCues.isLabelled(text) || (units[i].words <= 80 && CreditRecognizer.hasEmptyCreditSlot(text))
                    || Self.isUncreditedCaption(i, units: units, roles: roles)
                    || Self.isGalleryCaption(i, units: units, counters: counters)
                    || setApart.contains(i) || leadCaption == i else { continue }
            roles[i] = .caption
            // a second copy of a caption is a repeat for the caption check, not another figure
            guard credited || captionKeys.insert(ArticleAssembler.captionKey(text)).inserted else { continue }
            figureOf[i] = figures.count
            figures.append((i, credited ? [i] : []))
        }

        // Byline, dateline, headline, body, and the chrome left over.
        var firstBody: Int?
        for i in units.indices where roles[i] == nil {
            let text = texts[i], words = units[i].words
            let lower = text.lowercased()
            if (lower.hasPrefix("by ") && words <= 12) || (lower.hasPrefix("by ") && text.contains("—") && words <= 20) {
                roles[i] = .byline
            }
            guard roles[i] == nil else { continue }
            if units[i].block.isProse {
                roles[i] = .body
                if firstBody == nil { firstBody = i }
            }
        }
        if let first = firstBody ?? units.indices.last {
            let candidates = (0..<first).filter { roles[$0] == nil && (3...30).contains(units[$0].words) }
            if let headline = candidates.last {
                roles[headline] = .headline
                article.title = texts[headline]
            }
        }

        for figure in figures {
            let captionBlock = figure.caption
            var credit: String?
            var creditRange: SourceRange?
            if !figure.credit.isEmpty {
                if figure.credit == [figure.caption] {
                    credit = texts[figure.caption!]
                } else {
                    credit = CreditRecognizer.withoutLabel(figure.credit.map { texts[$0] }.joined(separator: " "))
                    let first = units[figure.credit.first!].block.range
                    let last = units[figure.credit.last!].block.range
                    creditRange = SourceRange(start: first.start, end: last.end)
                }
            }
            let anchor = captionBlock ?? figure.credit.first!
            article.figures.append(Figure(location: units[anchor].block.range,
                                          caption: nil, credit: credit, creditLocation: creditRange))
        }
        for (i, unit) in units.enumerated() {
            let role = roles[i] ?? .chrome
            if role == .caption, let f = figureOf[i] { article.figures[f].caption = article.blocks.count }
            var block = unit.block
            block.role = role
            block.figure = figureOf[i]
            article.blocks.append(block)
        }
        ArticleAssembler.finish(&article, source: source.text)
        return article
    }

    /// A paragraph that reads as a picture's caption though no credit marks it: it says what a
    /// picture shows ("pictured", "file photo", AP's weekday-and-date formula), or it is a lone
    /// dated description ("Union Station, Chicago, 1960.") set apart from the story's sentences.
    static func isUncreditedCaption(_ i: Int, units: [Unit], roles: [BlockRole?]) -> Bool {
        let text = units[i].text
        guard (3...60).contains(units[i].words), !units[i].block.folded.hasPrefix("by ") else { return false }
        let apartBefore = units[i].blankBefore || i == 0 || roles[i - 1] == .chrome
        let apartAfter = i + 1 == units.count || units[i + 1].blankBefore || roles[i + 1] == .chrome
        let stamped = i + 1 < units.count && CaptionCues.isVideoStamp(units[i + 1].text)
        let cued = stamped || (CaptionCues.describesPicture(text) && !text.containsAnyBytes(["\"", "“", "”"]))
            || (apartBefore && apartAfter && CaptionCues.isDatedDescription(text))
        return cued && ArticleAssembler.datelineDate(text) == nil
    }

    /// The lead picture's caption, which copied text puts in the page's header: the paragraph after
    /// the date line (and byline) when the story cannot have begun there — a wire dateline opens the
    /// paragraph after it, the byline still follows a sentence (a headline has no full stop), it is a
    /// short description with no verb before a long paragraph, or it runs to eight words or more
    /// without closing punctuation.
    static func leadCaption(_ units: [Unit], roles: [BlockRole?]) -> Int? {
        let open = { (i: Int) in roles[i] == nil && !units[i].block.folded.hasPrefix("by ") }
        let isByline = { (i: Int) in units[i].block.folded.hasPrefix("by ") && units[i].words <= 12 }
        // the headline stands above the date line; a line after it is no caption where it does not
        // the header: everything before two long paragraphs of prose in a row (one is a standfirst)
        let long = { (i: Int) in units[i].words >= 25 && units[i].block.isProse }
        let header = units.indices.dropLast().first(where: { long($0) && long($0 + 1) }) ?? units.count
        guard let dated = units.indices.prefix(header).first(where: { d in
                  ArticleAssembler.datelineDate(units[d].text) != nil
                      && units.indices[max(0, d - 4)..<d].contains(where: { roles[$0] == nil && (5...30).contains(units[$0].words) })
              }),
              // past the date lines ("Published …", "Last modified …")
              let c = units.indices.dropFirst(dated + 1).first(where: { open($0) && ArticleAssembler.datelineDate(units[$0].text) == nil }),
              (3...60).contains(units[c].words),
              let next = units.indices.dropFirst(c + 1).first(where: { roles[$0] == nil }) else { return nil }
        let text = units[c].text
        if ArticleAssembler.opensWithDateline(text) { return nil }
        if ArticleAssembler.opensWithDateline(units[next].text) { return c }
        // a headline can stand between the date and the byline, but it does not end in a full stop
        let closed = text.last.map { ".!?:;\"”’')…".contains($0) } ?? true
        if isByline(next) { return text.hasSuffix(".") ? c : nil }
        // a short description with no verb, before a long first paragraph
        if text.hasSuffix("."), CaptionCues.isVerbless(text, words: 4...15), units[next].words >= 25, units[next].block.isProse { return c }
        return !closed && units[c].words >= 8 && units[next].block.isProse ? c : nil
    }

    /// Imperatives that open a promotion set between paragraphs ("Save $200 on …", "Shop the look").
    private static let promoVerbs: Set<Substring> = ["save", "shop", "buy", "get", "order", "try", "subscribe", "sign",
                                                     "download", "watch", "listen", "read", "click", "follow", "join"]

    /// Short lines standing between paragraphs of the story (a subhead may come between), set apart by more blank lines than
    /// the page puts between its paragraphs or above its subheads (three or more above, two or more
    /// below): in copied text a picture leaves its block as blank lines, so these are the captions.
    /// A page that spaces many lines this way is spacing, not pictures: none of them count.
    static func setApartLines(_ units: [Unit], roles: [BlockRole?]) -> Set<Int> {
        let lines = units.indices.dropFirst().dropLast().filter { i in
            let unit = units[i]
            guard roles[i] == nil, unit.blanksBefore >= 3, units[i + 1].blanksBefore >= 2, (2...20).contains(unit.words),
                  !unit.block.isProse, units[i + 1].block.isProse,
                  units[max(0, i - 2)..<i].contains(where: { $0.block.isProse }),
                  !unit.text.containsAnyBytes(["\"", "“", "”", "http", "@"]),
                  let first = unit.block.folded.split(separator: " ").first else { return false }
            return !promoVerbs.contains(first)
        }
        let paragraphs = units.filter(\.block.isProse).count
        return lines.count * 4 <= paragraphs ? Set(lines) : []
    }

    /// A gallery's picture count ("6"), a bare number on its own line, that stands next to a credited
    /// caption and is repeated: the gallery's slides show it beside every caption.
    static func galleryCounters(_ units: [Unit]) -> Set<String> {
        let isNumber = { (u: Unit) in u.text.utf8.count <= 3 && !u.text.isEmpty && u.text.allSatisfy { $0.isASCII && $0.isNumber } }
        var seen = Set<String>(), repeated = Set<String>(), besideCredit = Set<String>()
        for (i, unit) in units.enumerated() where isNumber(unit) {
            if !seen.insert(unit.text).inserted { repeated.insert(unit.text) }
            let neighbours = [i - 1, i + 1].filter { units.indices.contains($0) && !units[max($0, i)].blankBefore }
            if neighbours.contains(where: { CreditRecognizer.trailingCredit(in: units[$0].text) != nil }) {
                besideCredit.insert(unit.text)
            }
        }
        return repeated.intersection(besideCredit)
    }

    /// A paragraph next to a gallery's picture count: a slide's caption.
    static func isGalleryCaption(_ i: Int, units: [Unit], counters: Set<String>) -> Bool {
        guard !counters.isEmpty, (3...60).contains(units[i].words) else { return false }
        return (i > 0 && !units[i].blankBefore && counters.contains(units[i - 1].text))
            || (i + 1 < units.count && !units[i + 1].blankBefore && counters.contains(units[i + 1].text))
    }

    /// The caption for a credit group: the nearest paragraph above it, skipping caption expanders,
    /// within one blank line.
    static func captionIndex(before start: Int, units: [Unit], roles: [BlockRole?]) -> Int? {
        let expanders: Set<String> = ["hide caption", "toggle caption", "enlarge this image", "enlarge image", "credit..."]
        var blanks = units[start].blankBefore ? 1 : 0
        var j = start - 1
        while j >= 0, expanders.contains(units[j].text.lowercased()) {
            if units[j].blankBefore { blanks += 1 }
            j -= 1
        }
        guard j >= 0, roles[j] == nil, units[j].words >= 2, blanks <= 1,
              ArticleAssembler.datelineDate(units[j].text) == nil,
              !["updated", "posted", "published", "last modified"].contains(where: units[j].block.folded.hasPrefix) else { return nil }
        return j
    }

    /// Splits the source into paragraph units with positions.
    static func units(_ text: String) -> [Unit] {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if current.last == "\r" { current.removeLast() }
                lines.append(current)
                current = []
            } else {
                current.append(scalar)
            }
        }
        lines.append(current)
        let isBlank = lines.map { $0.allSatisfy { $0.properties.isWhitespace } }
        let wrapped = isWrapped(lines, isBlank: isBlank)

        var units: [Unit] = []
        var blanks = 0
        for (n, line) in lines.enumerated() {
            if isBlank[n] {
                blanks += 1
                continue
            }
            let joinsPrevious = wrapped && n > 0 && !isBlank[n - 1] && !units.isEmpty
            if !joinsPrevious {
                units.append(Unit(firstLine: n + 1, blanksBefore: blanks))
            } else {
                units[units.count - 1].builder.breakWord(at: SourceLocation(line: n, column: lines[n - 1].count + 1))
            }
            units[units.count - 1].builder.append(line, at: SourceLocation(line: n + 1, column: 1))
            blanks = 0
        }
        for i in units.indices {
            units[i].block = units[i].builder.block(.body)
            units[i].text = units[i].block.text
            units[i].words = units[i].text.split(separator: " ").count
        }
        return units
    }

    /// Hard-wrapped wire copy: no line is long, and lines that run on into the next are
    /// long ones broken mid-sentence (a caption followed by its credit is not).
    static func isWrapped(_ lines: [[Unicode.Scalar]], isBlank: [Bool]) -> Bool {
        let filled = lines.indices.filter { !isBlank[$0] }
        guard filled.count >= 4, filled.allSatisfy({ lines[$0].count <= 100 }) else { return false }
        let runOn = filled.filter { $0 + 1 < lines.count && !isBlank[$0 + 1] }
        let broken = runOn.filter { n in
            lines[n].count >= 40 && !(lines[n].last.map { ".!?:;\"”’)".unicodeScalars.contains($0) } ?? true)
        }
        return broken.count >= 2 && Double(broken.count) >= 0.6 * Double(runOn.count)
    }
}
