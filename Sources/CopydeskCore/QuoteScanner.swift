/// Finds direct-quotation spans in a block's text by pairing quotation marks.
///
/// Marks are paired by type, not by count: `“…”`, `„…“`, `«…»` and straight `"…"`.
/// A straight mark after a digit is a prime (`5'10"`), not a quote. Single quotes
/// are never quotations on their own. An opening mark with no closing mark in the
/// block gives an open-ended quotation running to the end of the block, the way AP
/// leaves a paragraph that the next paragraph continues.
public enum QuoteScanner {
    enum Mark { case curly, low, guillemet, straight }

    /// The quotations of one block, in order.
    public static func quotations(in block: Block, index: Int) -> [Quotation] {
        let s = block.scalars
        var found: [Quotation] = []
        var open: (offset: Int, mark: Mark)?

        func close(at end: Int, openEnded: Bool) {
            guard let o = open else { return }
            let inner = trimmed(s, (o.offset + 1)..<(openEnded ? end : end - 1))
            if !inner.isEmpty {
                found.append(Quotation(block: index, span: o.offset..<end, text: block.text(inner), openEnded: openEnded))
            }
            open = nil
        }

        for i in s.indices {
            switch s[i] {
            case "\u{201C}":   // “ opens, or closes a „ quote
                if open?.mark == .low { close(at: i + 1, openEnded: false) }
                else if open?.mark == .curly { close(at: i, openEnded: true); open = (i, .curly) }
                else if open == nil { open = (i, .curly) }
            case "\u{201E}":
                if open == nil { open = (i, .low) }
            case "\u{201D}":   // ” closes whatever opened (pages mix straight and curly marks)
                if open != nil, open?.mark != .guillemet { close(at: i + 1, openEnded: false) }
            case "\u{00AB}":
                if open == nil { open = (i, .guillemet) }
            case "\u{00BB}":
                if open?.mark == .guillemet { close(at: i + 1, openEnded: false) }
            case "\"":
                let before: Unicode.Scalar? = i > 0 ? s[i - 1] : nil
                let after: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
                if let b = before, b.properties.numericType != nil, open?.mark != .straight { continue } // prime
                if let o = open, o.mark == .straight
                    || (o.mark != .guillemet && i > 0 && !s[i - 1].properties.isWhitespace && (after.map { !$0.properties.isAlphabetic } ?? true)) {
                    close(at: i + 1, openEnded: false)
                } else if open == nil, let a = after, !a.properties.isWhitespace {
                    open = (i, .straight)
                }
            default:
                continue
            }
        }
        if open != nil { close(at: s.count, openEnded: true) }
        return found
    }

    /// The quotations of every body and block-quote block of an article.
    public static func quotations(in article: Article) -> [Quotation] {
        article.blockIndices([.body, .blockquote]).flatMap { quotations(in: article.blocks[$0], index: $0) }
    }

    static func trimmed(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = max(range.lowerBound, range.upperBound)
        while lo < hi, s[lo].properties.isWhitespace { lo += 1 }
        while hi > lo, s[hi - 1].properties.isWhitespace { hi -= 1 }
        return lo..<hi
    }
}
