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
            // a credit set apart from the paragraph above and run into the one below (a figure's credit and
            // caption elements, copied one under the other) captions the one below, when it is a sentence
            // (the headline under a section's "Politics / date" line is none)
            if let c = caption, c < group.first!, units[group.first!].blankBefore, next < units.count, roles[next] == nil,
               !units[next].blankBefore, (3...60).contains(units[next].words), units[next].text.last.map({ ".!?\"”’)".contains($0) }) ?? false {
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
            // (up to 80 words, a labelled trailing credit is a trailing credit: it is looked for once)
            let credited = units[i].words <= 80 && (CreditRecognizer.trailingCredit(in: text) != nil
                                                    || CreditRecognizer.hasLeadingCredit(text))
                || (units[i].words > 80 && units[i].words <= 160 && CreditRecognizer.hasLabelledTrailingCredit(text))
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
            let lower = text.lowercasedFast()
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

    /// Splits the source into paragraph units with positions.
    static func units(_ text: String) -> [Unit] {
        let lines = LineCursor.lines(of: text).map { Array($0.unicodeScalars) }
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
            units[i].words = units[i].text.spaceSeparatedWordCount()
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
