import CopydeskCore

/// An HTML page as a tree of elements and text, every node holding the byte range it was
/// read from: positions come from the tokenizer, never from looking for text afterwards.
///
/// The tree is built the way browsers build it where that matters for reading a story:
/// void elements, a `<p>` closed by the next block, list items, table cells and options closed
/// by their siblings, end tags closing what they match and ignored when nothing does. Nodes
/// live in one array in document order (a parent before its children); nothing recurses.
struct HTMLDocument {
    enum Kind { case document, element, text, rawText }

    struct Node {
        var kind: Kind
        /// Lower-cased tag name; empty for text.
        var tag: String
        var parent: Int
        var firstChild = -1
        var lastChild = -1
        var next = -1
        /// The start tag's bytes (the whole text for text nodes).
        var range: Range<Int>
        var attributes: [HTMLTokenizer.Attribute] = []
    }

    let source: SourceIndex
    var bytes: [UInt8] { source.bytes }
    private(set) var nodes: [Node] = []

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "param", "source", "track", "wbr", "keygen"]
    /// Start tags that close an open `<p>`.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "dd", "dt", "plaintext", "xmp",
    ]
    /// Elements an end tag does not look past for a match, nor an implied end past.
    static let scopeBoundaries: Set<String> = ["html", "table", "td", "th", "caption", "template", "object", "applet",
                                               "marquee", "svg", "math"]
    /// What may stand in `<head>`; any other start tag ends it.
    static let headContent: Set<String> = ["title", "meta", "link", "base", "style", "script", "noscript", "template",
                                           "basefont", "bgsound"]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    init(_ text: String) {
        source = SourceIndex(text)
        nodes.append(Node(kind: .document, tag: "#document", parent: -1, range: 0..<0))
        var tokens: [HTMLTokenizer.Token] = []
        source.bytes.withUnsafeBufferPointer { buffer in
            var tokenizer = HTMLTokenizer(buffer)
            tokenizer.run { tokens.append($0) }
        }
        var open = OpenElements()
        for token in tokens { build(token, open: &open) }
    }

    /// The stack of open elements, with how many of each tag are open: whether a `<p>` or the
    /// element an end tag names is open costs nothing, however deep the page nests.
    struct OpenElements {
        private(set) var stack = [0]
        private(set) var tags = ["#document"]
        private var counts: [String: Int] = [:]

        var current: Int { stack.last! }
        var currentTag: String { tags.last! }
        /// Inside `<svg>` or `<math>`, where `/>` closes an element.
        var inForeignContent: Bool { isOpen("svg") || isOpen("math") }

        func isOpen(_ tag: String) -> Bool { counts[tag, default: 0] > 0 }

        mutating func push(_ node: Int, _ tag: String) {
            stack.append(node)
            tags.append(tag)
            counts[tag, default: 0] += 1
        }

        /// Pops elements until `depth` remain.
        mutating func pop(toDepth depth: Int) {
            while stack.count > max(1, depth) {
                counts[tags.removeLast(), default: 1] -= 1
                stack.removeLast()
            }
        }

        /// Pops up to and including the innermost open element with one of `targets`, unless
        /// one of `stops` or a scope boundary comes first.
        mutating func close(_ targets: Set<String>, stoppingAt stops: Set<String>) {
            guard targets.contains(where: isOpen) else { return }
            var k = tags.count - 1
            while k > 0 {
                if targets.contains(tags[k]) { pop(toDepth: k); return }
                if stops.contains(tags[k]) || HTMLDocument.scopeBoundaries.contains(tags[k]) { return }
                k -= 1
            }
        }

        /// The depth of the innermost element an end tag `name` closes, if one is in scope.
        func inScope(_ name: String) -> Int? {
            let heading = HTMLDocument.headings.contains(name)
            guard heading ? HTMLDocument.headings.contains(where: isOpen) : isOpen(name) else { return nil }
            var k = tags.count - 1
            while k > 0 {
                if tags[k] == name || (heading && HTMLDocument.headings.contains(tags[k])) { return k }
                if HTMLDocument.scopeBoundaries.contains(tags[k]) { return nil }
                k -= 1
            }
            return nil
        }
    }

    private mutating func build(_ token: HTMLTokenizer.Token, open: inout OpenElements) {
        switch token {
        case .text(let range):
            // text in <head> ends it, as anything but head content does
            if open.currentTag == "head", bytes[range].contains(where: { !HTMLTokenizer.isSpace($0) }) { open.pop(toDepth: open.stack.count - 1) }
            append(Node(kind: .text, tag: "", parent: open.current, range: range))
        case .rawText(let range):
            append(Node(kind: .rawText, tag: "", parent: open.current, range: range))
        case .comment:
            break
        case .startTag(let name, let attributes, let selfClosing, let range):
            if name == "html" || name == "body" || name == "head", open.isOpen(name) { return }
            if open.currentTag == "head", !Self.headContent.contains(name) { open.pop(toDepth: open.stack.count - 1) }
            if !open.inForeignContent { impliedEnds(before: name, open: &open) }
            let index = append(Node(kind: .element, tag: name, parent: open.current, range: range, attributes: attributes))
            let foreign = open.inForeignContent || name == "svg" || name == "math"
            if Self.voidElements.contains(name) || (selfClosing && foreign) { return }
            open.push(index, name)
        case .endTag(let name, let range):
            if name == "br" {
                append(Node(kind: .element, tag: "br", parent: open.current, range: range))
                return
            }
            if let match = open.inScope(name) { open.pop(toDepth: match) }
        }
    }

    /// Closes what a start tag `name` implicitly ends (an open `<p>`, a sibling list item or cell).
    private func impliedEnds(before name: String, open: inout OpenElements) {
        if Self.closesParagraph.contains(name) { open.close(Self.paragraphEnd.targets, stoppingAt: Self.paragraphEnd.stops) }
        if let ends = Self.siblingEnds[name] {
            open.close(ends.targets, stoppingAt: ends.stops)
        } else if Self.headings.contains(name), Self.headings.contains(open.currentTag) {
            open.pop(toDepth: open.stack.count - 1)
        }
    }

    /// What a start tag that closes a paragraph closes, and what stops it (built once: a set made per tag cost more than the rest).
    private static let paragraphEnd: (targets: Set<String>, stops: Set<String>) = (["p"], ["button"])
    /// The open siblings a start tag closes (a list item, a cell, a link), and what stops it.
    private static let siblingEnds: [String: (targets: Set<String>, stops: Set<String>)] = [
        "li": (["li"], ["ul", "ol"]), "dd": (["dd", "dt"], ["dl"]), "dt": (["dd", "dt"], ["dl"]),
        "option": (["option"], ["select", "datalist"]), "tr": (["tr"], ["tbody", "thead", "tfoot"]),
        "td": (["td", "th"], ["tr"]), "th": (["td", "th"], ["tr"]), "a": (["a"], []),
    ]

    @discardableResult
    private mutating func append(_ node: Node) -> Int {
        let index = nodes.count
        nodes.append(node)
        let parent = node.parent
        if nodes[parent].lastChild >= 0 { nodes[nodes[parent].lastChild].next = index } else { nodes[parent].firstChild = index }
        nodes[parent].lastChild = index
        return index
    }

    // MARK: - Reading the tree

    /// The children of `node`, in order.
    func children(_ node: Int) -> UnfoldSequence<Int, Int> {
        sequence(state: nodes[node].firstChild) { (state: inout Int) -> Int? in
            guard state >= 0 else { return nil }
            defer { state = nodes[state].next }
            return state
        }
    }

    /// An attribute's value, references decoded.
    func attribute(_ node: Int, _ name: String) -> String? {
        guard let attr = nodes[node].attributes.first(where: { $0.name == name }) else { return nil }
        return decoded(attr.value, inAttribute: true)
    }

    func hasAttribute(_ node: Int, _ name: String) -> Bool {
        nodes[node].attributes.contains { $0.name == name }
    }

    /// The text of the bytes `range`, references decoded.
    func decoded(_ range: Range<Int>, inAttribute: Bool = false) -> String {
        // most values spell no reference: their bytes are their text (NUL, which is no text, aside)
        if !bytes[range].contains(where: { $0 == UInt8(ascii: "&") || $0 == 0 }) {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        forEachScalar(range, inAttribute: inAttribute) { scalar, _, _ in out.append(scalar) }
        return String(out)
    }

    /// The text under `node`: its text descendants in order, references decoded.
    func textContent(_ node: Int) -> String {
        var out = ""
        var stack = [node]
        while let n = stack.popLast() {
            switch nodes[n].kind {
            case .text: out += decoded(nodes[n].range)
            case .rawText: out += String(decoding: bytes[nodes[n].range], as: UTF8.self)
            case .element, .document: stack.append(contentsOf: children(n).reversed())
            }
        }
        return out
    }

    /// Calls `body` with each scalar the bytes `range` spell, with its source position and width.
    func forEachScalar(_ range: Range<Int>, inAttribute: Bool = false,
                       _ body: (Unicode.Scalar, SourceLocation, Int) -> Void) {
        source.forEachScalar(range, spelling: { buffer, i, end in
            buffer[i] == UInt8(ascii: "&") ? HTMLEntities.decode(buffer, at: i, end: end, inAttribute: inAttribute) : nil
        }, body)
    }
}
