import Foundation

/// What `copydesk parse` prints: the parsed article, as the rules see it.
public enum ArticleDump {
    struct Range: Encodable {
        var line: Int, column: Int, endLine: Int, endColumn: Int
        init(_ r: SourceRange) {
            line = r.start.line; column = r.start.column; endLine = r.end.line; endColumn = r.end.column
        }
    }
    struct BlockItem: Encodable { var index: Int; var role: String; var text: String; var range: Range; var figure: Int? }
    struct FigureItem: Encodable {
        var media: String; var range: Range; var caption: String?; var credit: String?; var alt: String?; var source: String?
    }
    struct NoticeItem: Encodable { var text: String; var years: [Int]?; var holder: String?; var origin: String; var range: Range }
    struct QuoteItem: Encodable {
        var text: String; var range: Range; var openEnded: Bool
        /// The block and the scalar offsets of the quotation in its text, marks included.
        var block: Int; var start: Int; var end: Int
    }
    struct DateItem: Encodable {
        var date: String; var source: String; var text: String; var range: Range?
        init(_ d: PublicationDate) {
            (date, source, text, range) = (d.iso, d.source.rawValue, d.text, d.location.map(Range.init))
        }
    }
    struct Document: Encodable {
        var path: String; var format: String; var title: String?; var authors: [String]; var publisher: String?
        var published: DateItem?; var shownDate: DateItem?; var mentionedDate: DateItem?
        var figures: [FigureItem]; var notices: [NoticeItem]; var quotations: [QuoteItem]
        var blocks: [BlockItem]
    }

    /// The article as pretty-printed JSON (what `copydesk parse` prints and plugins receive).
    public static func json(_ a: Article) -> String {
        String(decoding: data(a), as: UTF8.self) + "\n"
    }

    /// The article as JSON bytes.
    public static func data(_ a: Article) -> Data {
        let doc = Document(
            path: a.path, format: a.format, title: a.title, authors: a.authors, publisher: a.publisher,
            published: a.published.map(DateItem.init), shownDate: a.shownDate.map(DateItem.init),
            mentionedDate: a.mentionedDate.map(DateItem.init),
            figures: a.figures.map { f in
                FigureItem(media: f.media.rawValue, range: Range(f.location), caption: f.caption.map { a.blocks[$0].text },
                           credit: f.credit, alt: f.alt, source: f.source)
            },
            notices: a.notices.map {
                NoticeItem(text: $0.text, years: $0.years.map { [$0.lowerBound, $0.upperBound] }, holder: $0.holder,
                           origin: $0.origin.rawValue, range: Range($0.location))
            },
            quotations: a.quotations.map {
                QuoteItem(text: $0.text, range: Range(a.blocks[$0.block].map.range($0.span)), openEnded: $0.openEnded,
                          block: $0.block, start: $0.span.lowerBound, end: $0.span.upperBound)
            },
            blocks: a.blocks.enumerated().map {
                BlockItem(index: $0, role: $1.role.rawValue, text: $1.text, range: Range($1.range), figure: $1.figure)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(doc)) ?? Data("{}".utf8)
    }

    /// One line a block: `line:col role  text`, for reading by eye.
    public static func tree(_ a: Article) -> String {
        var out = "\(a.path) (\(a.format))\n"
        if let title = a.title { out += "title: \(title)\n" }
        if let date = a.published { out += "published: \(date.iso) (\(date.source.rawValue))\n" }
        if let date = a.shownDate { out += "dateline shows: \(date.iso)\n" }
        if let date = a.mentionedDate { out += "latest date mentioned: \(date.iso)\n" }
        for n in a.notices { out += "notice: \(n.text) [\(n.origin.rawValue)]\n" }
        for block in a.blocks {
            let text = block.text.count > 100 ? String(block.text.prefix(99)) + "…" : block.text
            let figure = block.figure.map { " #\($0)" } ?? ""
            out += "\(block.range.start.line):\(block.range.start.column)\t\(block.role.rawValue)\(figure)\t\(text)\n"
        }
        return out
    }
}
