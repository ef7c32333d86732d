/// What a block of an article is, as a copy editor sees it.
public enum BlockRole: String, Codable, Sendable, CaseIterable {
    case headline, standfirst, byline, dateline, heading, body, blockquote, caption, credit, notice, chrome
}

/// One block of visible text (markup removed) with a source position for every scalar.
public struct Block: Sendable {
    public var role: BlockRole
    /// The text, its scalars, its folded form and its source map, set once and shared by every copy:
    /// checks copy blocks as they go, and a copy then costs one reference count, not four.
    private final class Content: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        let folded: String
        let map: SourceMap

        init(scalars: [Unicode.Scalar], map: SourceMap) {
            self.scalars = scalars
            text = String(scalars: scalars)
            folded = text.lowercasedFast()
            self.map = map
        }
    }

    private let content: Content
    /// The visible text, whitespace folded.
    public var text: String { content.text }
    /// The text as Unicode scalars; offsets into this array are what `map` and spans use.
    public var scalars: [Unicode.Scalar] { content.scalars }
    /// The text lower-cased, for quick look-ups before a pattern runs.
    public var folded: String { content.folded }
    public var map: SourceMap { content.map }
    /// The figure this block belongs to, for captions and credits.
    public var figure: Int?

    public init(role: BlockRole, scalars: [Unicode.Scalar], map: SourceMap, figure: Int? = nil) {
        self.role = role
        content = Content(scalars: scalars, map: map)
        self.figure = figure
    }

    /// The block without its first `count` scalars, each remaining one at its own source position.
    public func dropping(first count: Int) -> Block {
        Block(role: role, scalars: Array(scalars.dropFirst(count)), map: map.dropping(first: count), figure: figure)
    }

    /// The source range of the whole block.
    public var range: SourceRange { map.range(0..<scalars.count) }

    /// Whether the text reads like a paragraph of prose: long, or a few words ending like a sentence.
    ///
    /// Navigation, teaser headlines and button labels are neither.
    public var isProse: Bool {
        guard let last = scalars.last else { return false }
        // words are separated by single spaces; counting stops at the twentieth
        var words = 1
        for byte in text.utf8 where byte == 0x20 {
            words += 1
            if words >= Self.proseWords { return true }
        }
        return words >= 4 && Self.proseEnds.contains(last)
    }

    /// A paragraph this long is prose however it ends: no menu or teaser runs to twenty words.
    private static let proseWords = 20

    /// What a prose paragraph of few words ends with.
    private static let proseEnds: Set<Unicode.Scalar> = [".", "!", "?", "\"", "\u{201D}", "\u{2019}", ")", ":", ";", "…", "'"]

    /// A fix replacing the scalars `range` with `replacement`, when the source spells them verbatim
    /// inside one run of text. Across markup, a character reference or an escape there is no fix, and
    /// the note says why: a fix never edits what the text was not computed from.
    public func fix(replacing range: Range<Int>, with replacement: String) -> (fix: Fix?, notes: [RelatedLocation]) {
        guard map.isVerbatim(range) else {
            return (nil, [RelatedLocation(range: map.range(range),
                                          message: "not fixed automatically: the text spans markup, a line break, a character reference or an escape")])
        }
        return (Fix(edits: [TextEdit(range: map.range(range), replacement: replacement, expected: text(range))]), [])
    }

    /// The text of scalars `range`.
    public func text(_ range: Range<Int>) -> String {
        String(scalars: scalars[range.clamped(to: 0..<scalars.count)])
    }
}

/// A photo, video, graphic or embed in the article.
public struct Figure: Sendable, Codable {
    public enum Media: String, Codable, Sendable { case image, video, graphic, embed }
    public var media: Media
    /// Where the figure stands in the source (the image, or its caption when the image is gone).
    public var location: SourceRange
    /// Index of the caption block, if the figure has one.
    public var caption: Int?
    /// The credit as found (photographer and/or agency), or nil when none was found.
    public var credit: String?
    /// Where the credit stands, when it has a source position.
    public var creditLocation: SourceRange?
    public var alt: String?
    public var source: String?

    public init(media: Media = .image, location: SourceRange, caption: Int? = nil, credit: String? = nil,
                creditLocation: SourceRange? = nil, alt: String? = nil, source: String? = nil) {
        self.media = media
        self.location = location
        self.caption = caption
        self.credit = credit
        self.creditLocation = creditLocation
        self.alt = alt
        self.source = source
    }
}

/// A copyright notice: `©`, `(c)`, `Copyright`, `Copr.`, with a year or range and a holder.
public struct CopyrightNotice: Sendable, Codable {
    public enum Origin: String, Codable, Sendable {
        /// Visible text on the page (footer, syndication tag line).
        case text
        /// Front matter, JSON-LD, or a `<meta>` tag.
        case structured
    }
    public var text: String
    /// First and last year covered; nil when the notice names no year.
    public var years: ClosedRange<Int>?
    public var holder: String?
    public var location: SourceRange
    /// Source range of the year or range token, for fixes.
    public var yearLocation: SourceRange?
    public var origin: Origin

    public init(text: String, years: ClosedRange<Int>?, holder: String?, location: SourceRange,
                yearLocation: SourceRange?, origin: Origin) {
        self.text = text
        self.years = years
        self.holder = holder
        self.location = location
        self.yearLocation = yearLocation
        self.origin = origin
    }
}

/// The publication date and where it came from.
public struct PublicationDate: Sendable, Codable {
    public enum Source: String, Codable, Sendable {
        case commandLine = "command-line", frontMatter = "front-matter", jsonLD = "json-ld"
        case meta, time, dateline
        /// A date the story mentions: it was published no earlier.
        case mention
    }
    public var year: Int
    public var month: Int?
    public var day: Int?
    public var source: Source
    public var text: String
    public var location: SourceRange?

    public init(year: Int, month: Int? = nil, day: Int? = nil, source: Source, text: String,
                location: SourceRange? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.source = source
        self.text = text
        self.location = location
    }

    /// A date given by the user (`--published`, a request): `YYYY-MM-DD`, `YYYY-MM` or `YYYY`,
    /// nil unless it is a day of the calendar.
    public init?(commandLine text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        guard (1...3).contains(parts.count), (1000...9999).contains(parts[0]) else { return nil }
        if parts.count > 1, !(1...12).contains(parts[1]) { return nil }
        if parts.count > 2 {
            let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...days[parts[1] - 1]).contains(parts[2]) else { return nil }
        }
        self.init(year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil,
                  source: .commandLine, text: text)
    }

    /// `YYYY-MM-DD` with the known parts.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var s = pad(year, 4)
        if let month { s += "-" + pad(month, 2) }
        if month != nil, let day { s += "-" + pad(day, 2) }
        return s
    }
}

/// A direct quotation: a span of one block between paired quotation marks, or a block quote.
public struct Quotation: Sendable, Codable {
    public var block: Int
    /// Scalar offsets of the quotation in its block, marks included.
    public var span: Range<Int>
    /// The quoted words, without the marks.
    public var text: String
    /// True when the closing mark is missing (an AP-style paragraph continued by the next).
    public var openEnded: Bool

    public init(block: Int, span: Range<Int>, text: String, openEnded: Bool) {
        self.block = block
        self.span = span
        self.text = text
        self.openEnded = openEnded
    }
}

/// A parsed article: metadata plus ordered blocks, every block mapped to the source.
public struct Article: Sendable {
    public var path: String
    /// `text`, `markdown` or `html`.
    public var format: String
    public var title: String?
    public var authors: [String] = []
    public var publisher: String?
    public var published: PublicationDate?
    /// The date the page's dateline shows when its year differs from `published` (a republished
    /// post, an updated story): a notice covering either year is not reported.
    public var shownDate: PublicationDate?
    /// When no publication date is known, the latest date the story mentions in its text,
    /// captions or an embedded post's signature: the story is no older than that.
    public var mentionedDate: PublicationDate?
    public var blocks: [Block] = []
    public var figures: [Figure] = []
    public var notices: [CopyrightNotice] = []
    public var quotations: [Quotation] = []
    public var suppressions = Suppressions()

    public init(path: String, format: String) {
        self.path = path
        self.format = format
    }

    /// Indices of the blocks with one of the given roles, in order.
    public func blockIndices(_ roles: Set<BlockRole>) -> [Int] {
        blocks.indices.filter { roles.contains(blocks[$0].role) }
    }
}
