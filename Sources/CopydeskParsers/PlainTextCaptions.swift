import CopydeskCore
import Foundation

/// How copied text shows a picture's caption when no credit line marks it, and which paragraph a
/// credit line belongs to.
extension PlainTextParser {
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
        // the header: everything before two long paragraphs of prose in a row (one is a standfirst)
        let long = { (i: Int) in units[i].words >= 25 && units[i].block.isProse }
        let header = units.indices.dropLast().first(where: { long($0) && long($0 + 1) }) ?? units.count
        // the date line, with the headline above it (where the date stands above the headline, the
        // line after the date is the headline, no caption)
        guard let dated = units.indices.prefix(header).first(where: { d in
                  ArticleAssembler.datelineDate(units[d].text) != nil
                      && units.indices[max(0, d - 4)..<d].contains(where: { roles[$0] == nil && (5...30).contains(units[$0].words) })
              }),
              // past the date lines ("Published …", "Last modified …")
              let c = units.indices.dropFirst(dated + 1).first(where: { open($0) && ArticleAssembler.datelineDate(units[$0].text) == nil }),
              (3...60).contains(units[c].words),
              let next = units.indices.dropFirst(c + 1).first(where: { roles[$0] == nil }) else { return nil }
        let text = units[c].text
        // a copy of a paragraph above is the standfirst shown again (a dek, then an abstract), no caption
        if ArticleAssembler.opensWithDateline(text) || units[..<c].contains(where: { $0.text == text }) { return nil }
        if ArticleAssembler.opensWithDateline(units[next].text) { return c }
        // a headline can stand between the date and the byline, but it does not end in a full stop
        if isByline(next) { return text.hasSuffix(".") ? c : nil }
        guard units[next].block.isProse else { return nil }
        // a short description with no verb, before a long first paragraph
        if text.hasSuffix("."), CaptionCues.isVerbless(text, words: 4...15), units[next].words >= 25 { return c }
        let closed = text.last.map { ".!?:;\"”’')…".contains($0) } ?? true
        return !closed && units[c].words >= 8 ? c : nil
    }

    /// Imperatives that open a promotion set between paragraphs ("Save $200 on …", "Shop the look").
    private static let promoVerbs: Set<Substring> = ["save", "shop", "buy", "get", "order", "try", "subscribe", "sign",
                                                     "download", "watch", "listen", "read", "click", "follow", "join"]

    /// Short lines standing between paragraphs of the story (a subhead may come between), set apart
    /// by more blank lines than the page puts between its paragraphs or above its subheads (three or
    /// more above, two or more below): in copied text a picture leaves its block as blank lines, so
    /// these are the captions.
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
        let expanders = Set(CaptionCues.expanders + ["credit..."])
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
}
