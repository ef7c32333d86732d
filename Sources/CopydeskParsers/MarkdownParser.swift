import CCmarkGFM
import CopydeskCore
import Yams

/// Reads CommonMark + GFM through cmark-gfm, with YAML front matter through Yams.
///
/// Front matter is cut off first (cmark would read `---` as a rule) and line numbers
/// are offset back. Figures: an image followed by an emphasised caption paragraph
/// (the form pandoc and most CMSs write), the image title as credit, and the
/// front-matter `image: {caption, credit}`.
public struct MarkdownParser: ArticleParser {
    public static let format = "markdown"
    public static let extensions = ["md", "markdown", "mdown", "mkd"]

    public init() {}

    /// cmark-gfm's extension registry is global and not thread-safe: fill it once, before any parse.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    public func parse(_ source: SourceText) throws -> Article {
        var article = Article(path: source.path, format: Self.format)
        let front = try FrontMatter(source.text)
        let index = SourceIndex(source.text)
        readFrontMatter(front, index: index, into: &article)

        var walker = Walker(index: index, lineOffset: front.lineCount)
        _ = Self.extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES) else {
            throw InputError("could not start the Markdown parser")
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        // the body after the front matter, fed as it stands in the file: cmark's positions are the file's
        let bodyStart = index.offset(line: front.lineCount + 1, byteColumn: 1)
        index.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > bodyStart else { return }
            base.advanced(by: bodyStart).withMemoryRebound(to: CChar.self, capacity: buffer.count - bodyStart) {
                cmark_parser_feed(parser, $0, buffer.count - bodyStart)
            }
        }
        guard let document = cmark_parser_finish(parser) else { throw InputError("could not parse the Markdown") }
        defer { cmark_node_free(document) }
        walker.walk(children: document, role: .body, depth: 0)
        if let deep = walker.tooDeep {
            throw InputError("Markdown nested more than \(Walker.maxNesting) levels deep", at: deep)
        }
        walker.finishFigures(into: &article)

        if let image = front["image"]?.mapping, let caption = image["caption"], caption.scalar != nil {
            var builder = TextBuilder()
            front.append(caption, to: &builder, index: index)
            walker.blocks.append(builder.block(.caption, figure: article.figures.count))
            article.figures.append(Figure(location: front.range(caption, index: index), caption: walker.blocks.count - 1,
                                          credit: image["credit"]?.scalar?.string,
                                          alt: image["alt"]?.scalar?.string))
        }
        article.blocks = walker.blocks
        if article.title == nil {
            article.title = article.blocks.first { $0.role == .headline }?.text
        }
        ArticleAssembler.finish(&article, source: source.text)
        return article
    }

    private func readFrontMatter(_ front: FrontMatter, index: SourceIndex, into article: inout Article) {
        article.title = front.string("title")
        article.authors = front.strings("author") + front.strings("authors")
        article.publisher = front.string("publisher")
        for key in ["date", "published"] {
            if article.published == nil, let value = front.string(key), let node = front[key] {
                article.published = ArticleAssembler.date(value, source: .frontMatter, location: front.range(node, index: index))
            }
        }
        if let notice = front.string("copyright"), let node = front["copyright"],
           let parsed = ArticleAssembler.structuredNotice(notice, location: front.range(node, index: index)) {
            article.notices.append(parsed)
        }
        if let disable = front["copydesk"]?.mapping?["disable"] {
            let rules = disable.sequence?.compactMap { $0.scalar?.string } ?? [disable.scalar?.string].compactMap { $0 }
            article.suppressions.disabledRules.formUnion(rules)
        }
    }
}

/// Walks cmark's tree, building blocks and figure candidates.
private struct Walker {
    var blocks: [Block] = []
    /// Paragraphs whose text is all italics: the form a figure's caption takes after its image.
    var emphasised: Set<Int> = []
    /// Images seen, with the block index of the paragraph holding them.
    var images: [(block: Int?, location: SourceRange, alt: String, title: String, src: String)] = []
    let index: SourceIndex
    /// Lines of front matter before the body cmark reads.
    let lineOffset: Int
    /// Where the last text appended ended: a line break between texts stands there.
    var lastEnd = SourceLocation(line: 1, column: 1)
    /// Set while a paragraph holds an inline `<!-- … -->` comment that cmark-gfm left as text.
    var comments: InlineComments?

    init(index: SourceIndex, lineOffset: Int) {
        self.index = index
        self.lineOffset = lineOffset
    }

    /// The source bytes cmark says a node spans (its end column is inclusive), if it reports them.
    func bytes(_ node: OpaquePointer) -> Range<Int>? {
        let startLine = Int(cmark_node_get_start_line(node)), endLine = Int(cmark_node_get_end_line(node))
        let startColumn = Int(cmark_node_get_start_column(node)), endColumn = Int(cmark_node_get_end_column(node))
        guard startLine > 0, startColumn > 0, endLine >= startLine else { return nil }
        let start = index.offset(line: startLine + lineOffset, byteColumn: startColumn)
        let end = index.offset(line: endLine + lineOffset, byteColumn: endColumn + 1)
        return start <= end ? start..<end : nil
    }

    func range(_ node: OpaquePointer) -> SourceRange? { bytes(node).map(index.range(ofBytes:)) }

    /// A backslash escape (`\*`) or a character reference ending in `;`, as CommonMark reads them.
    static func spelling(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (scalars: [Unicode.Scalar], length: Int)? {
        let b = buffer[i]
        if b == UInt8(ascii: "\\"), i + 1 < end, (0x21...0x7E).contains(buffer[i + 1]), !HTMLEntities.isAlphanumeric(buffer[i + 1]) {
            return ([Unicode.Scalar(buffer[i + 1])], 2)
        }
        if b == UInt8(ascii: "&"), let ref = HTMLEntities.decode(buffer, at: i, end: end, inAttribute: false),
           buffer[i + ref.length - 1] == UInt8(ascii: ";") {
            return ref
        }
        return nil
    }

    /// Appends a text node's literal, each scalar at the source characters that spell it.
    ///
    /// The span cmark reports is checked against the literal, never searched: it spells the literal
    /// exactly, or (where GFM's autolinker shortened a text node without moving its end, or a run of
    /// emphasis marks was left as text) the literal is what the span spells from its start or up to
    /// its end. Otherwise the text is kept at the span's start, unmapped inside, so never edited.
    mutating func appendText(_ node: OpaquePointer, into builder: inout TextBuilder) {
        let literal = Array(String(cString: cmark_node_get_literal(node)).unicodeScalars)
        guard !literal.isEmpty else { return }
        let span = bytes(node)
        if let span {
            var mapped: [(scalar: Unicode.Scalar, location: SourceLocation, width: Int)] = []
            index.forEachScalar(span, spelling: Self.spelling) { mapped.append(($0, $1, $2)) }
            let spelled = mapped.map(\.scalar)
            let part: ArraySlice<(scalar: Unicode.Scalar, location: SourceLocation, width: Int)>? =
                spelled.starts(with: literal) ? mapped.prefix(literal.count)
                : spelled.reversed().starts(with: literal.reversed()) ? mapped.suffix(literal.count) : nil
            if let part, let last = part.last {
                for element in part {
                    for (scalar, location, width) in comments?.pass(element) ?? [element] {
                        builder.append(scalar, at: location, width: width)
                    }
                }
                lastEnd = SourceLocation(line: last.location.line, column: last.location.column + last.width)
                return
            }
        }
        let reported = span.map(index.range(ofBytes:))
        let start = reported?.start ?? lastEnd
        for (k, scalar) in literal.enumerated() { builder.append(scalar, at: start, width: k == literal.count - 1 ? 1 : 0) }
        lastEnd = reported?.end ?? start
    }

    /// Lists, quotes and emphasis nested deeper than this are refused with an error: each level is
    /// a frame of the walker's recursion, and no article nests a hundredth as deep.
    static let maxNesting = 1000
    /// Where nesting first went past `maxNesting`.
    var tooDeep: SourceLocation?
    /// How many inline containers (emphasis, links, images) enclose the one being walked.
    var inlineNesting = 0

    /// Whether `node` at `depth` may be walked; past the limit, records where and says no.
    mutating func admits(_ node: OpaquePointer, depth: Int) -> Bool {
        guard depth > Self.maxNesting else { return true }
        tooDeep = tooDeep ?? range(node)?.start ?? lastEnd
        return false
    }

    mutating func walk(children parent: OpaquePointer, role: BlockRole, depth: Int) {
        guard admits(parent, depth: depth) else { return }
        var child = cmark_node_first_child(parent)
        while let node = child {
            visit(node, role: role, depth: depth + 1)
            child = cmark_node_next(node)
        }
    }

    mutating func visit(_ node: OpaquePointer, role: BlockRole, depth: Int) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            paragraph(node, role: role)
        case CMARK_NODE_HEADING:
            let level = cmark_node_get_heading_level(node)
            paragraph(node, role: level == 1 && !blocks.contains { $0.role == .headline } ? .headline : .heading)
        case CMARK_NODE_BLOCK_QUOTE:
            walk(children: node, role: .blockquote, depth: depth)
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
            break
        default:
            // lists, items, tables, footnotes: their paragraphs are text like any other
            if cmark_node_first_child(node) != nil {
                if cmark_node_get_type(cmark_node_first_child(node)) == CMARK_NODE_TEXT
                    || String(cString: cmark_node_get_type_string(node)).hasPrefix("table_cell") {
                    paragraph(node, role: .chrome)
                } else {
                    walk(children: node, role: role, depth: depth)
                }
            }
        }
    }

    mutating func paragraph(_ node: OpaquePointer, role: BlockRole) {
        var builder = TextBuilder()
        comments = bytes(node).flatMap { InlineComments(in: self.index.bytes[$0]) }
        defer { comments = nil }
        let imageStart = images.count
        var emphasisOnly = true
        var hasText = false
        inline(children: node, into: &builder, emphasisOnly: &emphasisOnly, hasText: &hasText, depth: 0)
        for (scalar, location, width) in comments?.flush() ?? [] { builder.append(scalar, at: location, width: width) }
        let index = blocks.count
        for i in imageStart..<images.count { images[i].block = builder.isEmpty ? nil : index }
        guard !builder.isEmpty else { return }
        if emphasisOnly, hasText, role == .body { emphasised.insert(index) }
        blocks.append(builder.block(role))
    }

    mutating func inline(children parent: OpaquePointer, into builder: inout TextBuilder,
                         emphasisOnly: inout Bool, hasText: inout Bool, depth: Int) {
        inlineNesting += 1
        defer { inlineNesting -= 1 }
        guard admits(parent, depth: inlineNesting) else { return }
        var child = cmark_node_first_child(parent)
        while let node = child {
            defer { child = cmark_node_next(node) }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                let literal = String(cString: cmark_node_get_literal(node))
                if depth == 0, !literal.allSatisfy(\.isWhitespace) { emphasisOnly = false }
                if !literal.allSatisfy(\.isWhitespace) { hasText = true }
                appendText(node, into: &builder)
            case CMARK_NODE_CODE:
                // code is not prose: no rule reads it, no fix edits it
                if depth == 0 { emphasisOnly = false }
                builder.breakWord(at: range(node)?.start ?? lastEnd)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                builder.breakWord(at: lastEnd)
            case CMARK_NODE_IMAGE:
                var alt = TextBuilder()
                var ignoredEmphasis = true, ignoredText = false
                inline(children: node, into: &alt, emphasisOnly: &ignoredEmphasis, hasText: &ignoredText, depth: depth + 1)
                images.append((nil, range(node) ?? SourceRange(at: lastEnd), alt.block(.caption).text,
                               String(cString: cmark_node_get_title(node)), String(cString: cmark_node_get_url(node))))
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                // captions are set in italics; a bold line after an image is a promotion or a heading
                if depth == 0, cmark_node_get_type(node) == CMARK_NODE_STRONG { emphasisOnly = false }
                inline(children: node, into: &builder, emphasisOnly: &emphasisOnly, hasText: &hasText, depth: depth + 1)
            case CMARK_NODE_HTML_INLINE:
                break
            default:
                inline(children: node, into: &builder, emphasisOnly: &emphasisOnly, hasText: &hasText, depth: depth)
            }
        }
    }

    /// Turns images into figures: the caption is the paragraph after the image when it is
    /// emphasised, repeats the alt text, or carries a credit; the credit comes from the image
    /// title, that caption, or a credit line after it.
    mutating func finishFigures(into article: inout Article) {
        for image in images where !ImageFilter.isDecorative(image.src) {
            let figureIndex = article.figures.count
            var figure = Figure(location: image.location, alt: image.alt.isEmpty ? nil : image.alt, source: image.src)
            if !image.title.isEmpty { figure.credit = image.title }
            var next = image.block.map { $0 + 1 } ?? blocks.indices.first { blocks[$0].range.start.line >= image.location.start.line }
            // a player's label between a video's still and its title ("Video")
            if let n = next, n + 1 < blocks.count, ["video", "watch", "play video"].contains(blocks[n].folded) { next = n + 1 }
            var creditLine = next
            if let n = next, n < blocks.count, blocks[n].figure == nil, isCaption(n, alt: image.alt) {
                figure.caption = n
                blocks[n].role = .caption
                blocks[n].figure = figureIndex
                let text = blocks[n].text
                if figure.credit == nil, CreditRecognizer.isCaptionCredit(text) || CreditRecognizer.trailingCredit(in: text) != nil
                    || CreditRecognizer.hasLeadingCredit(text) {
                    figure.credit = text
                }
                creditLine = n + 1
            }
            if figure.credit == nil, let c = creditLine, c < blocks.count, blocks[c].figure == nil,
               CreditRecognizer.isCreditLine(blocks[c].text) {
                var credit = [c]
                // a label alone ("Photograph by") takes the name from the next paragraph
                if CreditRecognizer.withoutLabel(blocks[c].text) == nil || blocks[c].text.lowercased().hasSuffix(" by"),
                   c + 1 < blocks.count, blocks[c + 1].text.split(separator: " ").count <= 12 {
                    credit.append(c + 1)
                }
                for k in credit {
                    blocks[k].role = .credit
                    blocks[k].figure = figureIndex
                }
                figure.credit = credit.map { blocks[$0].text }.joined(separator: " ")
                // a credit set between the image and its caption: the paragraph under it, when it
                // repeats the image's alt text or describes a picture
                let n = credit.last! + 1
                if figure.caption == nil, n < blocks.count, blocks[n].figure == nil, blocks[n].role == .body,
                   (3...60).contains(blocks[n].text.split(separator: " ").count),
                   repeatsAlt(n, alt: image.alt) || CaptionCues.describesPicture(blocks[n].text) {
                    figure.caption = n
                    blocks[n].role = .caption
                    blocks[n].figure = figureIndex
                }
            }
            if figure.credit == nil, CreditRecognizer.trailingCredit(in: image.alt) != nil {
                figure.credit = image.alt
            }
            article.figures.append(figure)
        }
        // a caption whose image was dropped: an emphasised paragraph carrying a credit, a paragraph
        // followed by a credit line, or one labelled as a caption or ending in an empty credit slot
        var captionKeys = Set(article.figures.compactMap { $0.caption.map { ArticleAssembler.captionKey(blocks[$0].text) } })
        for n in blocks.indices where blocks[n].figure == nil && blocks[n].role == .body {
            let literal = isLiterallyEmphasised(n)
            let text = literal ? blocks[n].text.dropFirst().dropLast().trimmingSpaces() : blocks[n].text
            guard text.split(separator: " ").count <= 80 else { continue }
            let credited = (emphasised.contains(n) || literal) && CreditRecognizer.trailingCredit(in: text) != nil
            let creditLine = n + 1 < blocks.count && blocks[n + 1].figure == nil && blocks[n].isProse
                && blocks[n + 1].text.split(separator: " ").count <= 12 && CreditRecognizer.isCreditLine(blocks[n + 1].text) ? n + 1 : nil
            guard credited || creditLine != nil || CaptionCues.isLabelled(text) || CreditRecognizer.hasEmptyCreditSlot(text) else { continue }
            blocks[n].role = .caption
            // a second copy of a caption is a repeat for the caption check, not another figure
            guard credited || creditLine != nil || captionKeys.insert(ArticleAssembler.captionKey(text)).inserted else { continue }
            let figure = article.figures.count
            blocks[n].figure = figure
            var credit = credited ? text : nil
            if let c = creditLine {
                blocks[c].role = .credit
                blocks[c].figure = figure
                credit = blocks[c].text
            }
            article.figures.append(Figure(location: blocks[n].range, caption: n, credit: credit))
        }
    }

    /// A paragraph between asterisks whose emphasis did not parse (`*Caption text. \\| *`).
    func isLiterallyEmphasised(_ n: Int) -> Bool {
        let text = blocks[n].text
        return text.count > 2 && text.hasPrefix("*") && text.hasSuffix("*")
    }

    /// Whether paragraph `n` repeats the image's alt text, whole or cut short ("..."), or the alt is a
    /// description ending with the caption ("a hand holding a blue object: Needle poking skin …").
    func repeatsAlt(_ n: Int, alt: String) -> Bool {
        let altKey = ArticleAssembler.key(alt.hasSuffix("...") ? String(alt.dropLast(3)) : alt)
        let key = ArticleAssembler.key(blocks[n].text)
        return altKey.count >= 10 && (key.hasPrefix(altKey) || (key.count >= 20 && altKey.hasSuffix(key)))
    }

    /// Whether the paragraph after an image is its caption: emphasised, the alt text again
    /// (alt may be cut short with "..."), a paragraph ending in a credit, one followed by a credit
    /// line, a video's stamp or the story's opening dateline.
    func isCaption(_ n: Int, alt: String) -> Bool {
        let text = blocks[n].text
        // emphasis, or emphasis that did not parse (`*Caption text. *`)
        if emphasised.contains(n) || isLiterallyEmphasised(n) || repeatsAlt(n, alt: alt) { return true }
        let words = text.split(separator: " ").count
        guard words <= 80 else { return false }
        // a lead picture's caption: the story's dateline opens the next paragraph
        if words <= 40, n + 1 < blocks.count, !ArticleAssembler.opensWithDateline(text),
           ArticleAssembler.opensWithDateline(blocks[n + 1].text) { return true }
        return CreditRecognizer.trailingCredit(in: text) != nil || CreditRecognizer.hasEmptyCreditSlot(text)
            || CreditRecognizer.isCreditedCaption(text)
            || (n + 1 < blocks.count && (CreditRecognizer.isCreditLine(blocks[n + 1].text) || CaptionCues.isVideoStamp(blocks[n + 1].text)))
            || CaptionCues.isLabelled(text) || CaptionCues.describesPicture(text)
    }
}

/// Hides inline HTML comments in a paragraph's text. cmark-gfm 0.29 keeps the older CommonMark rule
/// that a comment may not hold `--`, so `<!-- copydesk-disable-line RULE -- reason -->` comes out as
/// text; CommonMark 0.31 and HTML read it as a comment, and so does Copydesk: no rule reads it.
struct InlineComments {
    typealias Scalar = (scalar: Unicode.Scalar, location: SourceLocation, width: Int)
    private static let open = Array("<!--".unicodeScalars), close = Array("-->".unicodeScalars)
    private static let openBytes = Array("<!--".utf8), closeBytes = Array("-->".utf8)
    private var inside = false
    /// Scalars held back while they may open a comment (`<`, `<!`, `<!-`), or the last few inside one.
    private var held: [Scalar] = []

    /// Only for a paragraph whose source holds `<!--` and, after it, `-->`.
    init?(in source: ArraySlice<UInt8>) {
        guard source.withUnsafeBufferPointer({ b in
            b.firstOffset(of: Self.openBytes).flatMap { b.firstOffset(of: Self.closeBytes, from: $0 + Self.openBytes.count) } != nil
        }) else { return nil }
    }

    /// Takes the paragraph's next scalar and gives back those that are text, in order.
    mutating func pass(_ next: Scalar) -> [Scalar] {
        held.append(next)
        if inside {
            if held.suffix(3).map(\.scalar).elementsEqual(Self.close) { inside = false; held = [] }
            if held.count > 3 { held.removeFirst() }
            return []
        }
        if held.map(\.scalar).elementsEqual(Self.open) { inside = true; held = []; return [] }
        var out: [Scalar] = []
        while !held.isEmpty, !Self.open.starts(with: held.map(\.scalar)) { out.append(held.removeFirst()) }
        return out
    }

    /// What is held back at the paragraph's end: text after all.
    mutating func flush() -> [Scalar] {
        defer { held = [] }
        return inside ? [] : held
    }
}
