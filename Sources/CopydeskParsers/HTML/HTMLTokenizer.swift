/// Splits HTML source bytes into tags, text, comments and doctypes, as the WHATWG tokenizer
/// does, recording the byte range every token occupies.
///
/// Byte offsets are what make positions exact: the tree keeps them, and the parser maps each
/// visible scalar to the bytes that spell it. Raw-text elements (`<script>`, `<style>`, …)
/// are one raw token up to their end tag; `<title>` and `<textarea>` are text with references
/// but no tags. Nothing recurses, so no input can exhaust the stack.
struct HTMLTokenizer {
    struct Attribute {
        var name: String
        /// The value's source bytes, quotes excluded (references not yet decoded).
        var value: Range<Int>
    }

    enum Token {
        case startTag(name: String, attributes: [Attribute], selfClosing: Bool, range: Range<Int>)
        case endTag(name: String, range: Range<Int>)
        /// Text with character references still spelled out.
        case text(Range<Int>)
        /// The content of a raw-text element: no references, no tags.
        case rawText(Range<Int>)
        /// A comment, doctype, processing instruction or CDATA section: nothing a reader sees.
        case comment
    }

    /// Elements whose content is raw text, up to their end tag.
    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    /// Elements whose content is text with references but no tags.
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var end: Int { bytes.count }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Calls `emit` with every token in source order.
    mutating func run(_ emit: (Token) -> Void) {
        var textStart = 0
        func flushText(upTo stop: Int) {
            if stop > textStart { emit(.text(textStart..<stop)) }
        }
        while i < end {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            let open = i
            guard open + 1 < end else { break }
            let next = bytes[open + 1]
            if next == UInt8(ascii: "!") {
                flushText(upTo: open)
                markupDeclaration(open)
                emit(.comment)
                textStart = i
            } else if next == UInt8(ascii: "?") {
                flushText(upTo: open)
                bogusComment(open + 2)
                emit(.comment)
                textStart = i
            } else if next == UInt8(ascii: "/") {
                guard open + 2 < end else { break }
                if Self.isLetter(bytes[open + 2]) {
                    flushText(upTo: open)
                    i = open + 2
                    let name = tagName()
                    _ = attributes()
                    guard closesTag() else { textStart = end; break }
                    emit(.endTag(name: name, range: open..<i))
                    textStart = i
                } else if bytes[open + 2] == UInt8(ascii: ">") {
                    flushText(upTo: open)
                    i = open + 3
                    textStart = i
                } else {
                    flushText(upTo: open)
                    bogusComment(open + 2)
                emit(.comment)
                    textStart = i
                }
            } else if Self.isLetter(next) {
                flushText(upTo: open)
                i = open + 1
                let name = tagName()
                let (attrs, selfClosing) = attributes()
                guard closesTag() else { textStart = end; break }
                emit(.startTag(name: name, attributes: attrs, selfClosing: selfClosing, range: open..<i))
                textStart = i
                if Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name) {
                    let contentEnd = endTag(of: name)
                    if contentEnd > i {
                        emit(Self.rawTextElements.contains(name) ? .rawText(i..<contentEnd) : .text(i..<contentEnd))
                    }
                    i = contentEnd
                    textStart = i
                } else if name == "plaintext" {
                    if end > i { emit(.rawText(i..<end)) }
                    i = end
                    textStart = end
                }
            } else {
                i += 1   // a literal '<'
            }
        }
        flushText(upTo: end)
    }

    /// After the attributes: consumes the closing `>`; false at the end of the input (an unclosed tag is dropped).
    private mutating func closesTag() -> Bool {
        guard i < end, bytes[i] == UInt8(ascii: ">") else { return false }
        i += 1
        return true
    }

    /// A tag name from `i`, lower-cased ASCII.
    private mutating func tagName() -> String {
        let start = i
        while i < end, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
        return Self.lowercased(start..<i, in: bytes)
    }

    static func lowercased(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            for (k, b) in bytes[range].enumerated() { out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            return range.count
        }
    }

    /// Attributes from `i` up to the `>` (left unconsumed), and whether the tag ends in `/>`.
    private mutating func attributes() -> ([Attribute], Bool) {
        var list: [Attribute] = []
        var selfClosing = false
        while i < end {
            let b = bytes[i]
            if Self.isSpace(b) { i += 1; continue }
            if b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: "/") {
                i += 1
                selfClosing = i < end && bytes[i] == UInt8(ascii: ">")
                continue
            }
            selfClosing = false
            let nameStart = i
            i += 1   // the first character may be '='
            while i < end, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">"),
                  bytes[i] != UInt8(ascii: "=") { i += 1 }
            let name = Self.lowercased(nameStart..<i, in: bytes)
            var j = i
            while j < end, Self.isSpace(bytes[j]) { j += 1 }
            guard j < end, bytes[j] == UInt8(ascii: "=") else {
                list.append(Attribute(name: name, value: i..<i))
                continue
            }
            i = j + 1
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { break }
            let quote = bytes[i]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let valueStart = i + 1
                i = valueStart
                while i < end, bytes[i] != quote { i += 1 }
                list.append(Attribute(name: name, value: valueStart..<i))
                if i < end { i += 1 }
            } else {
                let valueStart = i
                while i < end, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                list.append(Attribute(name: name, value: valueStart..<i))
            }
        }
        return (list, selfClosing)
    }

    /// `<!…`: a comment `<!-- … -->`, or a doctype, CDATA section or bogus comment up to `>`.
    /// Moves `i` past it.
    private mutating func markupDeclaration(_ open: Int) {
        if open + 3 < end, bytes[open + 2] == UInt8(ascii: "-"), bytes[open + 3] == UInt8(ascii: "-") {
            var j = open + 4
            // `<!-->` and `<!--->` end at once
            if j < end, bytes[j] == UInt8(ascii: ">") { i = j + 1; return }
            if j + 1 < end, bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: ">") { i = j + 2; return }
            while j + 2 < end {
                if bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-"),
                   bytes[j + 2] == UInt8(ascii: ">") || (j + 3 < end && bytes[j + 2] == UInt8(ascii: "!") && bytes[j + 3] == UInt8(ascii: ">")) {
                    i = j + (bytes[j + 2] == UInt8(ascii: ">") ? 3 : 4)
                    return
                }
                j += 1
            }
            i = end
            return
        }
        bogusComment(open + 2)
    }

    /// Moves `i` up to and past the next `>` (or to the end of the input).
    private mutating func bogusComment(_ from: Int) {
        var j = from
        while j < end, bytes[j] != UInt8(ascii: ">") { j += 1 }
        i = min(end, j + 1)
    }

    /// Where the content of a raw-text element `name` ends: at `</name` followed by a space, `/` or `>`.
    private func endTag(of name: String) -> Int {
        let target = Array(name.utf8)
        var j = i
        while j + 1 + target.count < end {
            if bytes[j] == UInt8(ascii: "<"), bytes[j + 1] == UInt8(ascii: "/") {
                var k = 0
                while k < target.count, bytes[j + 2 + k] | 0x20 == target[k] { k += 1 }
                if k == target.count {
                    let after = j + 2 + k
                    if after >= end || Self.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: "/") || bytes[after] == UInt8(ascii: ">") {
                        return j
                    }
                }
            }
            j += 1
        }
        return end
    }
}
