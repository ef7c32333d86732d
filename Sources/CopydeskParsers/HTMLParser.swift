import CopydeskCore
import Foundation

/// Reads an HTML page or fragment with Copydesk's own tokenizer and tree builder
/// (`HTMLDocument`), so that every visible character keeps the exact source bytes it came from.
///
/// Nothing is deleted: navigation, footers, promos and the like become `chrome`
/// blocks (the way Readability recognises them, by element and class tokens), and
/// when one container clearly holds the story's paragraphs, text outside it is
/// chrome too. Figures come from `<figure>`/`<figcaption>` and caption-classed
/// elements, credits from credit-classed children (or a credit element between an
/// image and its caption), `<cite>`, `<small>`, `data-credit`, itemprop
/// `creator`/`copyrightHolder`, and JSON-LD `creditText`.
/// Dates come from JSON-LD, `<meta>` and `<time datetime>`.
public struct HTMLParser: ArticleParser {
    public static let format = "html"
    public static let extensions = ["html", "htm", "xhtml"]

    public init() {}

    public func parse(_ source: SourceText) throws -> Article {
        var article = Article(path: source.path, format: Self.format)
        var walker = HTMLWalker(HTMLDocument(source.text))
        walker.readMetadata()
        walker.findMain()
        walker.walk()
        walker.flush()
        walker.finish(into: &article)
        ArticleAssembler.finish(&article, source: source.text)
        return article
    }
}

/// A node of the `HTMLDocument`: its index in the node array.
typealias NodeIndex = Int

/// Walks the document's tree once, emitting blocks with roles and figures.
struct HTMLWalker {
    struct Context {
        var chrome = false
        var figure: Int?
        var credit = false
        var blockquote = false
        var inMain = false
        var heading: Int?
        var byline = false
        var link = false
    }

    struct PendingFigure {
        var location: SourceRange
        /// The number of blocks when the figure opened.
        var firstBlock: Int
        var caption: [Int] = []
        var credits: [Int] = []
        var creditText: String?
        var imageSource: String?
        var alt: String?
        var media: Figure.Media = .image
        /// Has a `<figcaption>`, or was opened by an element classed as an image's caption
        /// (`image-caption`, `wp-caption`): a figure even when its image is not in the page
        /// (lazy loading). Without that or an image, it is a pull quote, a cookie label, chrome.
        var markedUp = false
        /// Caption characters inside links and outside them: a caption that is all link is a teaser.
        var linkedText = 0
        var plainText = 0
    }

    let doc: HTMLDocument
    var blocks: [Block] = []
    var figures: [PendingFigure] = []
    var builder = TextBuilder()
    var builderRole: BlockRole = .body
    var builderFigure: Int?
    /// Characters of the current block that sit inside links.
    var builderLinkedText = 0
    var main: NodeIndex?
    /// Characters of `<p>` text under each element, and on the whole page.
    var paragraphText: [Int] = []
    var totalText = 0
    var jsonld = JSONLD()
    /// The `<script>` whose JSON-LD gave the page's copyright notice.
    var jsonldNotice: SourceRange?
    var meta: [String: (value: String, location: SourceRange)] = [:]
    var timeDate: (value: String, location: SourceRange)?
    var title: String?
    var seenHeadline = false
    var classFlags: [String: ClassFlags] = [:]
    /// Each element's flags, once known (see `flags(of:)`).
    var flagsOfNode: [ClassFlags?] = []
    /// Set once the story's container has been walked: figures after it are teasers.
    var passedMain = false
    /// The last image outside a figure, whose caption may be the next text repeating its alt.
    var looseImage: (alt: String, src: String, location: SourceRange, blockCount: Int, inStory: Bool)?
    /// The index of the block a credit-classed element opened right after a loose image: the
    /// image's credit when a caption element follows it (`<img> <div class="credit">…</div>
    /// <div class="caption">…</div>`).
    var creditUnderImage: Int?

    init(_ doc: HTMLDocument) {
        self.doc = doc
    }

    static let imageTags: Set<String> = ["img", "amp-img", "picture", "video", "source", "amp-video"]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "form", "button",
                                       "select", "option", "input", "textarea", "head", "link", "meta", "object",
                                       "embed", "canvas", "map", "audio", "dialog", "title", "base", "xmp", "noembed",
                                       "noframes", "plaintext", "math"]
    static let blockElements: Set<String> = ["p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
                                             "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                                             "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "pre",
                                             "address", "hr", "body", "center", "details", "summary", "caption"]
    /// The share of the page's paragraph text the story's container holds: most of it.
    static let mainShare = 0.6
    /// The share an element holds that makes it the story, whatever its classes say: no widget holds that much.
    static let storyShare = 0.3
    /// The share a body-classed element holds that makes it a part of the story: a teaser's summary holds far less.
    static let storyPartShare = 0.1
    /// Class and id tokens of chrome, the way Readability recognises it.
    static let chromeTokens: Set<Substring> = [
        "nav", "navbar", "navigation", "menu", "share", "sharing", "social", "related", "newsletter", "promo", "subscribe",
        "subscription", "sponsor", "sponsored", "popular", "mostpopular", "trending", "recommend", "recommended", "recirc",
        "comment", "comments", "advert", "ad", "ads", "adslot", "advertisement", "breadcrumb", "breadcrumbs", "sidebar",
        "widget", "footer", "signup", "cookie", "modal", "popup", "outbrain", "taboola", "teaser", "tags", "toolbar",
        "paywall", "disclaimer", "skip",
    ]
    static let chromePhrases = ["more-stories", "read-more", "readmore", "author-bio", "site-header", "most-popular"]
    static let creditWords = ["credit", "copyright", "photographer", "attribution", "image-byline", "photo-byline"]
    static let bylineTokens: Set<Substring> = ["byline", "author", "dateline", "timestamp", "date", "published", "pubdate"]
    static let bodyPhrases = ["articlebody", "storybody", "entrycontent", "postcontent", "articlecontent", "storycontent",
                              "bodytext", "articletext", "maincontent", "richtext"]
    static let mediaWords = ["image", "photo", "media", "img", "picture", "figure", "video", "gallery", "wp-caption"]
    /// Tokens that, with a media word, name the story's lead image.
    static let leadTokens: Set<Substring> = ["hero", "lead", "featured", "feature", "main", "top"]
    /// The phrase lists a class value is searched for, in one pass (`classPhrases`).
    private enum PhraseList: Int, CaseIterable { case chrome, caption, credit, social, media }
    private static let phraseLists: [[String]] = PhraseList.allCases.map { list in
        switch list {
        case .chrome: chromePhrases
        case .caption: ["caption", "cutline"]   // "cutline": the newsroom's word for a caption
        case .credit: creditWords
        case .social: socialPhrases
        case .media: mediaWords
        }
    }
    private static let classPhrases = ByteLexicon(phraseLists.flatMap { $0 })
    /// Each list's bits in `classPhrases`.
    private static let classPhraseMasks: [UInt64] = phraseLists.indices.map { k in
        let start = phraseLists[..<k].reduce(0) { $0 + $1.count }
        return ByteLexicon.mask(start..<(start + phraseLists[k].count))
    }
    private static let bodyLexicon = ByteLexicon(bodyPhrases)
    static let socialPhrases = ["twitter-tweet", "instagram", "tiktok", "facebook", "reddit-embed"]

    // MARK: - Tree access

    func name(_ node: NodeIndex) -> String { doc.nodes[node].tag }

    func attribute(_ node: NodeIndex, _ attr: String) -> String? { doc.attribute(node, attr) }

    /// The source range of a node's start tag (or of a text node's text).
    func range(of node: NodeIndex) -> SourceRange { doc.source.range(ofBytes: doc.nodes[node].range) }

    /// The source range of an attribute's value, or of its element's start tag when it has none.
    func range(of node: NodeIndex, attribute name: String) -> SourceRange {
        guard let value = doc.nodes[node].attributes.first(where: { $0.name == name })?.value else { return range(of: node) }
        return doc.source.range(ofBytes: value)
    }

    /// What an element's `class` and `id` tokens say about it, matched once per distinct value.
    struct ClassFlags {
        var chrome = false, caption = false, credit = false, byline = false, body = false, social = false
        /// Names an image, photo, video or gallery (`InlineImage-caption`, `wp-caption`).
        var media = false
        /// Names the story's lead image (`hero-image`, `featured-image`): on an image, other tokens
        /// (`block-image-ads`) do not make it chrome.
        var lead = false
    }

    mutating func flags(_ cls: String) -> ClassFlags {
        if let cached = classFlags[cls] { return cached }
        var f = ClassFlags()
        let lower = cls.lowercasedFast()
        if lower.contains(where: { $0 != " " }) {
            // tokens looked up as they are cut, with no set built per value; an ASCII value (nearly
            // all are) is cut as bytes, which are its characters
            let ascii = lower.utf8.allSatisfy { $0 < 0x80 }
            let tokens = ascii ? lower.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D || $0 == 0x5F }).map(Substring.init)
                : lower.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            let squashed = ascii ? String(decoding: lower.utf8.filter { $0 != 0x2D && $0 != 0x5F }, as: UTF8.self)
                : lower.filter { $0 != "-" && $0 != "_" }
            let found = Self.classPhrases.matches(in: lower)
            func any(_ list: PhraseList) -> Bool { found & Self.classPhraseMasks[list.rawValue] != 0 }
            f.chrome = tokens.contains(where: Self.chromeTokens.contains) || any(.chrome)
            f.caption = any(.caption)
            f.credit = any(.credit) || tokens.contains("source")
            f.byline = tokens.contains(where: Self.bylineTokens.contains)
            f.body = Self.bodyLexicon.matches(in: squashed) != 0
            f.social = any(.social)
            f.media = any(.media)
            f.lead = f.media && tokens.contains(where: Self.leadTokens.contains)
        }
        classFlags[cls] = f
        return f
    }

    /// The flags of an element's class and id, worked out once per element (the story's search
    /// and the walk both ask).
    mutating func flags(of node: NodeIndex) -> ClassFlags {
        if flagsOfNode.isEmpty { flagsOfNode = Array(repeating: nil, count: doc.nodes.count) }
        if let known = flagsOfNode[node] { return known }
        let f = flags(classAndID(node))
        flagsOfNode[node] = f
        return f
    }

    func classAndID(_ node: NodeIndex) -> String {
        (attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")
    }

    // MARK: - Metadata

    /// Reads `<title>`, `<meta>`, JSON-LD and the first `<time datetime>` anywhere in the page.
    mutating func readMetadata() {
        var stack = [0]
        while let node = stack.popLast() {
            guard doc.nodes[node].kind == .element || doc.nodes[node].kind == .document else { continue }
            switch name(node) {
            case "title":
                title = title ?? doc.textContent(node).trimmingWhitespace()
            case "meta":
                if let key = attribute(node, "property") ?? attribute(node, "name") ?? attribute(node, "itemprop"),
                   let value = attribute(node, "content") {
                    if meta[key.lowercased()] == nil { meta[key.lowercased()] = (value, range(of: node, attribute: "content")) }
                }
            case "script":
                if attribute(node, "type")?.lowercased().contains("ld+json") == true {
                    let hadNotice = jsonld.copyrightNotice != nil || jsonld.copyrightYear != nil
                    jsonld.read(doc.textContent(node))
                    if !hadNotice, jsonld.copyrightNotice != nil || jsonld.copyrightYear != nil { jsonldNotice = range(of: node) }
                }
                continue
            case "time":
                if timeDate == nil, let value = attribute(node, "datetime") {
                    timeDate = (value, range(of: node, attribute: "datetime"))
                }
            default:
                break
            }
            stack.append(contentsOf: doc.children(node).reversed())
        }
    }

    /// Measures paragraph text under every element and picks the element that clearly
    /// holds the story's paragraphs, if one does.
    mutating func findMain() {
        var candidates: [NodeIndex] = []
        // children come after their parent in the node array: one backward pass sums every subtree
        let nodes = doc.nodes
        var allText = [Int](repeating: 0, count: nodes.count)
        var textOf = [Int](repeating: 0, count: nodes.count)
        for node in nodes.indices.reversed() {
            let parent = nodes[node].parent
            switch nodes[node].kind {
            case .text, .rawText:
                allText[node] = nodes[node].range.count
            case .element:
                let tag = nodes[node].tag
                if tag == "article" || tag == "main" || attribute(node, "itemprop") == "articleBody"
                    || flags(of: node).body {
                    candidates.append(node)
                }
                if parent >= 0, !Self.skipped.contains(tag) { textOf[parent] += tag == "p" ? allText[node] : textOf[node] }
            case .document:
                break
            }
            if parent >= 0 { allText[parent] += allText[node] }
        }
        totalText = textOf[0]
        paragraphText = textOf
        guard totalText > 0 else { return }
        // the smallest candidate that still holds most of the page's paragraph text
        let good = candidates.filter { Double(textOf[$0]) >= Self.mainShare * Double(totalText) }
        main = good.min { textOf[$0] < textOf[$1] }
    }

    /// Whether an `itemtype` is schema.org's picture or video (`https://schema.org/ImageObject`).
    static func isMediaObject(_ itemtype: String?) -> Bool {
        guard let itemtype else { return false }
        return ["schema.org/ImageObject", "schema.org/VideoObject"].contains { itemtype.hasSuffix($0) }
    }

    /// Whether an element holds so much of the page's paragraph text that it cannot be chrome.
    func holdsTheStory(_ node: NodeIndex) -> Bool {
        Double(paragraphText[node]) >= Self.storyShare * Double(max(1, totalText))
    }

    /// Whether a body-classed element (`article__content`) holds enough paragraph text to be a part
    /// of the story, cut into pieces by the page's layout, rather than a teaser's summary.
    func holdsPartOfTheStory(_ node: NodeIndex) -> Bool {
        Double(paragraphText[node]) >= Self.storyPartShare * Double(max(1, totalText))
    }

    // MARK: - Walking

    /// Walks the whole tree in document order, with an explicit stack: no depth is too deep.
    mutating func walk() {
        enum Step {
            case enter(NodeIndex, Context)
            case exit(NodeIndex, outer: Context, inner: Context, isBlock: Bool)
        }
        var steps: [Step] = [.enter(0, Context())]
        while let step = steps.popLast() {
            switch step {
            case .enter(let node, let outer):
                guard let (context, isBlock) = enter(node, outer) else { continue }
                steps.append(.exit(node, outer: outer, inner: context, isBlock: isBlock))
                for child in Array(doc.children(node)).reversed() { steps.append(.enter(child, context)) }
            case .exit(let node, let outer, let inner, let isBlock):
                if isBlock || inner.credit != outer.credit || inner.figure != outer.figure { flush() }
                if node == main { passedMain = true }
            }
        }
    }

    /// Adds a text node's scalars to the current block, each at the source characters that spell it.
    mutating func text(_ node: NodeIndex, _ outer: Context) {
        // white space between tags, most of a page's text nodes: a word break at most, seen in its bytes
        let range = doc.nodes[node].range
        if doc.bytes[range].allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            if !range.isEmpty, !builder.isEmpty { builder.breakWord(at: doc.source.location(ofByte: range.lowerBound)) }
            return
        }
        var scalars: [(scalar: Unicode.Scalar, location: SourceLocation, width: Int)] = []
        doc.forEachScalar(doc.nodes[node].range) { scalars.append(($0, $1, $2)) }
        guard let first = scalars.first else { return }
        if scalars.allSatisfy({ $0.scalar.isSpace }) {
            if !builder.isEmpty { builder.breakWord(at: first.location) }
            return
        }
        let role = self.role(for: outer)
        if role != builderRole || outer.figure != builderFigure { flush() }
        builderRole = role
        builderFigure = outer.figure
        if let f = outer.figure, !outer.credit {
            if outer.link { figures[f].linkedText += scalars.count } else { figures[f].plainText += scalars.count }
        }
        if outer.link { builderLinkedText += scalars.count }
        for s in scalars { builder.append(s.scalar, at: s.location, width: s.width) }
    }

    /// Handles an element's start: the context its children see and whether it is a block, or nil
    /// when its children are not walked (text, skipped and hidden elements).
    mutating func enter(_ node: NodeIndex, _ outer: Context) -> (Context, Bool)? {
        switch doc.nodes[node].kind {
        case .text:
            text(node, outer)
            return nil
        case .rawText:
            return nil
        case .element, .document:
            break
        }
        let tag = name(node)
        if tag == "noscript", !isHidden(node) {
            // a lazy-loading page keeps its real <img> in <noscript>
            for child in doc.children(node) where name(child) == "img" {
                noteImage(child, tag: "img", outer)
            }
        }
        if Self.skipped.contains(tag) || isHidden(node) { return nil }
        let location = range(of: node)
        if tag == "br" {
            builder.breakWord(at: location.start)
            return nil
        }
        var context = outer
        let cls = flags(of: node)
        let isBlock = Self.blockElements.contains(tag)
        if node == main {
            context.inMain = true
            context.chrome = false
        }
        // a <figure> in the story's container that names its image (`slideshow-modal-image`) is the
        // story's figure: its own classes name what it opens, not chrome around it
        let storyFigure = tag == "figure" && context.inMain && cls.media
        // an <aside> there that names its picture (`image`, `single-photo`), or says it is one in
        // schema.org's terms, sets the picture beside the story's text: a figure, no sidebar
        // (the itemtype is looked up only on such an aside, not on every element of the walk)
        let storyAside = tag == "aside" && context.inMain
            && ((cls.media && !cls.chrome) || Self.isMediaObject(attribute(node, "itemtype")))
        if !holdsTheStory(node), context.figure == nil,
           (["nav", "footer", "aside"].contains(tag) && !storyAside)
            || (cls.chrome && !(Self.imageTags.contains(tag) && cls.lead) && !storyFigure) {
            context.chrome = true
        }
        // the story's body, named so, is no chrome even inside a layout's chrome-named grid (`sidebar-grid`)
        if cls.body, main == nil || context.inMain, holdsPartOfTheStory(node) { context.chrome = false }
        let opensFigure = tag == "figure" || storyAside || (context.figure == nil && (tag == "figcaption" || cls.caption))
        if opensFigure, !context.chrome, !context.byline, main == nil || context.inMain || !passedMain {
            flush()
            var pending = PendingFigure(location: location, firstBlock: blocks.count)
            pending.markedUp = tag == "figcaption" || cls.media || storyAside
            // the credit element just above takes its image's caption; a <figure> brings its own image
            if tag != "figure", let credit = creditUnderImage, credit == blocks.count - 1, looseImage?.blockCount == credit {
                pending.credits = [credit]
                blocks[credit].role = .credit
            }
            // a caption-classed element takes the image that stands just before it
            if !pending.markedUp, let image = looseImage, blocks.count - image.blockCount <= 1 {
                pending.imageSource = image.src
                pending.alt = image.alt.isEmpty ? nil : image.alt
                looseImage = nil
            }
            if cls.caption, let last = titledFigureJustBefore() {
                // a video's title, then its caption: one figure
                context.figure = last
            } else {
                figures.append(pending)
                context.figure = figures.count - 1
            }
        }
        if let f = context.figure {
            let captionContainer = tag == "figcaption" || cls.caption
            if tag == "figcaption" { figures[f].markedUp = true }
            // a <figcaption> or caption-classed element is the caption, even inside a wrapper named for
            // the credit it also holds (`image__source-wrapper`, `image-credit-wrap`); a credit inside it
            // has its own element
            if captionContainer, !cls.credit { context.credit = false }
            if (cls.credit && !captionContainer) || ["cite", "small"].contains(tag)
                || ["creator", "copyrightHolder", "author"].contains(attribute(node, "itemprop") ?? "") {
                context.credit = true
            }
            if let credit = attribute(node, "data-credit"), !credit.isEmpty { figures[f].creditText = credit }
        } else if cls.credit, !context.chrome, let last = figures.indices.last,
                  (figures[last].caption + figures[last].credits).max() ?? (figures[last].firstBlock - 1) >= blocks.count - 1 {
            // a credit element right after a figure (or its caption) is the figure's
            context.figure = last
            context.credit = true
        }
        if tag == "a", attribute(node, "href") != nil { context.link = true }
        if tag == "blockquote" {
            context.blockquote = true
            if cls.social { context.chrome = true }
        }
        if tag.count == 2, tag.hasPrefix("h"), let level = Int(tag.dropFirst()) { context.heading = level }
        // an element holding the story is no byline, whatever its classes say (WordPress's "author-jdoe")
        if cls.byline, context.figure == nil, !holdsTheStory(node) { context.byline = true }

        if Self.imageTags.contains(tag) { noteImage(node, tag: tag, context) }
        if isBlock || context.credit != outer.credit { flush() }
        if cls.credit, context.figure == nil, !context.chrome, looseImage?.blockCount == blocks.count {
            creditUnderImage = blocks.count
        }
        return (context, isBlock)
    }

    /// An image: its figure's first image, or, outside figures, the loose image a caption may follow.
    mutating func noteImage(_ node: NodeIndex, tag: String, _ context: Context) {
        if let f = context.figure {
            if tag == "video" { figures[f].media = .video }
            if figures[f].imageSource == nil {
                figures[f].imageSource = imageSource(node)
                figures[f].alt = attribute(node, "alt")
            }
        } else if tag == "img" || tag == "amp-img", !context.chrome, !context.byline,
                  let src = imageSource(node), !ImageFilter.isDecorative(src),
                  // a <noscript> copy of the image just noted adds nothing
                  looseImage?.blockCount != blocks.count || looseImage?.alt.isEmpty == true {
            let alt = attribute(node, "alt") ?? ""
            looseImage = (alt, src, range(of: node), blocks.count,
                          main == nil || context.inMain)
        }
    }

    /// The figure that ends at the last block, when its only caption is its image's alt text:
    /// a media title (a video player's), to which a caption element that follows belongs.
    func titledFigureJustBefore() -> Int? {
        guard let last = figures.indices.last, figures[last].credits.isEmpty, figures[last].caption.count == 1,
              figures[last].caption[0] == blocks.count - 1, let alt = figures[last].alt,
              ArticleAssembler.key(blocks[blocks.count - 1].text) == ArticleAssembler.key(alt) else { return nil }
        return last
    }

    /// The real source of an image: lazy-loading attributes first, the placeholder `src` last.
    func imageSource(_ node: NodeIndex) -> String? {
        for attr in ["data-src", "data-original", "data-lazy-src", "data-srcset", "src"] {
            if let value = attribute(node, attr), !value.isEmpty, !value.hasPrefix("data:") { return value }
        }
        return attribute(node, "src")
    }

    func isHidden(_ node: NodeIndex) -> Bool {
        if doc.hasAttribute(node, "hidden") { return true }
        // CSS is ASCII: its spaces dropped and its letters lower-cased as bytes, its declarations found as bytes
        if let style = attribute(node, "style").map({ String(decoding: $0.utf8.filter { $0 != 0x20 }, as: UTF8.self).lowercasedFast() }),
           style.containsBytes("display:none") || style.containsBytes("visibility:hidden") { return true }
        return false
    }

    func role(for context: Context) -> BlockRole {
        if context.figure != nil, context.heading == nil { return context.credit ? .credit : .caption }
        if context.chrome { return .chrome }
        if main != nil, !context.inMain {
            if context.heading == 1, !seenHeadline { return .headline }
            return context.byline ? .byline : .chrome
        }
        if let level = context.heading { return level == 1 && !seenHeadline ? .headline : .heading }
        if context.blockquote { return .blockquote }
        if context.byline { return .byline }
        return .body
    }

    /// Whether a block repeats an image's alt text (two words or more), or opens with it and goes on
    /// briefly ("Benchmark results" → "Benchmark results for the new model"): the image's caption.
    static func extendsAlt(_ text: String, alt: String) -> Bool {
        let altWords = alt.split(separator: " ").count
        guard altWords >= 2 else { return false }
        let key = ArticleAssembler.key(text), altKey = ArticleAssembler.key(alt)
        return key == altKey || (altWords >= 3 && text.split(separator: " ").count <= 30 && key.hasPrefix(altKey))
    }

    mutating func flush() {
        guard !builder.isEmpty else { return }
        let index = blocks.count
        var role = builderRole
        var figure = builderFigure
        if role == .headline { seenHeadline = true }
        let text = builder.block(.body).text
        // a loose image followed by a block repeating its alt text, or by a caption carrying its credit
        // or an emptied credit slot (not a teaser link): that block is its caption
        if figure == nil, role == .body || role == .chrome, let image = looseImage, image.inStory, index - image.blockCount <= 1,
           builderLinkedText * 2 < text.count,
           Self.extendsAlt(text, alt: image.alt)
            || (text.split(separator: " ").count <= 80
                && (CreditRecognizer.trailingCredit(in: text) != nil || CreditRecognizer.hasEmptyCreditSlot(text))) {
            figures.append(PendingFigure(location: image.location, firstBlock: index, imageSource: image.src, alt: image.alt))
            figure = figures.count - 1
            role = .caption
            looseImage = nil
        }
        // a credit line right after a figure belongs to it
        if figure == nil, role != .chrome, let last = figures.indices.last,
           (figures[last].caption + figures[last].credits).max() == index - 1, CreditRecognizer.isCreditLine(text) {
            figure = last
            role = .credit
        }
        if let f = figure {
            if role == .caption, CreditRecognizer.isCaptionCredit(builder.block(.caption).text) { role = .credit }
            // a credit element holding a caption and an emptied credit ("Rep. Jane Doe. |") is the caption
            if role == .credit, CreditRecognizer.hasEmptyCreditSlot(text) { role = .caption }
            if role == .credit { figures[f].credits.append(index) } else { figures[f].caption.append(index) }
        }
        blocks.append(builder.block(role, figure: figure))
        builder = TextBuilder()
        builderLinkedText = 0
    }


    // MARK: - Result

    mutating func finish(into article: inout Article) {
        for b in blocks.indices { blocks[b].figure = nil }
        for pending in figures {
            guard !pending.caption.isEmpty || !pending.credits.isEmpty else { continue }
            if let src = pending.imageSource, ImageFilter.isDecorative(src) { continue }
            // a caption-classed element with no image is not a figure (cookie banners, labels)
            if !pending.markedUp, pending.imageSource == nil, pending.media == .image { continue }
            let captionBlocks = pending.caption.filter {
                !ChromeLexicon.isChrome(blocks[$0].text) && blocks[$0].text.split(separator: " ").count >= 2
            }
            for b in pending.caption where !captionBlocks.contains(b) { blocks[b].role = .chrome }
            let captionText = captionBlocks.map { blocks[$0].text }.joined(separator: " ")
            // gallery counters, ad labels, button text and teaser links are not captions
            if pending.credits.isEmpty, captionText.split(separator: " ").count < 2 || pending.linkedText > pending.plainText {
                continue
            }
            var credit = pending.creditText
            var creditLocation: SourceRange?
            if credit == nil, let c = pending.credits.first {
                credit = CreditRecognizer.withoutLabel(pending.credits.map { blocks[$0].text }.joined(separator: " "))
                creditLocation = blocks[c].range
            }
            if credit == nil, CreditRecognizer.trailingCredit(in: captionText) != nil
                || CreditRecognizer.hasLeadingCredit(captionText) {
                credit = captionText
            }
            if credit == nil, let image = jsonld.images.first(where: {
                ($0.url != nil && $0.url == pending.imageSource) || ($0.caption != nil && $0.caption == captionText)
            }) {
                credit = image.credit
            }
            // the caption proper: the longest caption block (not a gallery counter or a title above it)
            let caption = captionBlocks.max { blocks[$0].scalars.count < blocks[$1].scalars.count }
            let location = caption.map { blocks[$0].range } ?? pending.location
            let index = article.figures.count
            for b in pending.caption + pending.credits { blocks[b].figure = index }
            article.figures.append(Figure(media: pending.media, location: location, caption: caption,
                                          credit: credit, creditLocation: creditLocation, alt: pending.alt,
                                          source: pending.imageSource))
        }
        article.blocks = blocks
        article.title = jsonld.headline ?? meta["og:title"]?.value ?? blocks.first { $0.role == .headline }?.text ?? title
        article.authors = jsonld.authors
        article.publisher = jsonld.publisher ?? meta["og:site_name"]?.value
        if let date = jsonld.datePublished {
            article.published = ArticleAssembler.date(date, source: .jsonLD, location: nil)
        }
        for key in ["article:published_time", "parsely-pub-date", "pubdate", "publishdate", "date", "dc.date",
                    "datepublished", "sailthru.date"] where article.published == nil {
            if let m = meta[key] {
                article.published = ArticleAssembler.date(m.value, source: .meta, location: m.location)
            }
        }
        if article.published == nil, let t = timeDate {
            article.published = ArticleAssembler.date(t.value, source: .time, location: t.location)
        }
        let fromMeta = jsonld.copyrightNotice == nil ? meta["copyright"] : nil
        if let notice = jsonld.copyrightNotice ?? fromMeta?.value ?? jsonld.copyrightYear.map({ "© \($0)" }),
           let parsed = ArticleAssembler.structuredNotice(notice, year: jsonld.copyrightYear, holder: jsonld.copyrightHolder,
                                                          location: fromMeta?.location ?? jsonldNotice ?? SourceRange(at: SourceLocation(line: 1, column: 1))) {
            article.notices.append(parsed)
        }
    }
}
