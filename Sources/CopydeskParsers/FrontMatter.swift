import CopydeskCore
import Yams

/// YAML front matter at the top of a Markdown file, decoded with Yams.
struct FrontMatter {
    /// The decoded mapping, or empty.
    var node: Node.Mapping?
    /// Lines the front matter occupies, fences included (0 when there is none).
    var lineCount = 0

    /// Splits `---`-fenced front matter off the top of `text`.
    ///
    /// Throws `InputError` with the YAML error's line and column when it is malformed.
    init(_ text: String) throws {
        // the lines up to the closing fence, split at LF, CR LF or a lone CR
        let bytes = text.utf8
        var lines: [String] = []
        var start = bytes.startIndex
        var close: Int?
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.endIndex
            let content = String(decoding: bytes[start..<end], as: UTF8.self)
            if lines.isEmpty, content != "---" || end == bytes.endIndex { return }
            if !lines.isEmpty, content == "---" || content == "..." { close = lines.count; break }
            lines.append(content)
            guard end < bytes.endIndex else { break }
            start = bytes.index(after: end)
            if bytes[end] == 0x0D, start < bytes.endIndex, bytes[start] == 0x0A { start = bytes.index(after: start) }
        }
        guard let close else {
            throw InputError("front matter opened on line 1 is never closed with '---'", at: SourceLocation(line: 1, column: 1))
        }
        let yaml = lines.dropFirst().joined(separator: "\n")
        lineCount = close + 1
        do {
            guard let root = try Yams.compose(yaml: yaml) else { return }
            guard let mapping = root.mapping else {
                throw InputError("front matter must be a mapping of keys to values", at: SourceLocation(line: 2, column: 1))
            }
            node = mapping
        } catch let error as YamlError {
            throw InputError("malformed front matter: \(Self.describe(error))", at: Self.location(error))
        }
    }

    /// A string value (scalars as written; the first of a list).
    func string(_ key: String) -> String? {
        guard let value = node?[key] else { return nil }
        if let s = value.scalar?.string { return s }
        if let first = value.sequence?.first { return first.scalar?.string ?? first.mapping?["name"]?.scalar?.string }
        return value.mapping?["name"]?.scalar?.string
    }

    /// A list of strings (a single string counts).
    func strings(_ key: String) -> [String] {
        guard let value = node?[key] else { return [] }
        if let s = value.scalar?.string { return [s] }
        return value.sequence?.compactMap { $0.scalar?.string ?? $0.mapping?["name"]?.scalar?.string } ?? []
    }

    subscript(key: String) -> Node? { node?[key] }

    /// The source bytes of a scalar value when the file spells it verbatim on one line (plain, or
    /// quoted with no escape): where positions inside it are exact and a fix may edit it.
    func verbatimBytes(_ value: Node, index: SourceIndex) -> Range<Int>? {
        guard let scalar = value.scalar, let mark = value.mark else { return nil }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        guard quoted || scalar.style == .plain else { return nil }
        let start = index.offset(of: SourceLocation(line: mark.line + 1, column: mark.column)) + (quoted ? 1 : 0)
        let text = Array(scalar.string.utf8)
        guard !text.contains(0x0A), !text.contains(0x0D), start + text.count <= index.bytes.count,
              index.bytes[start..<(start + text.count)].elementsEqual(text) else { return nil }
        return start..<(start + text.count)
    }

    /// The source bytes a one-line quoted value spells, quotes excluded, read by YAML's quoting rules
    /// from its opening quote (escapes in double quotes, doubled `''` in single quotes).
    func quotedBytes(_ value: Node, index: SourceIndex) -> Range<Int>? {
        guard let scalar = value.scalar, let mark = value.mark,
              scalar.style == .singleQuoted || scalar.style == .doubleQuoted else { return nil }
        let bytes = index.bytes
        let open = index.offset(of: SourceLocation(line: mark.line + 1, column: mark.column))
        guard open < bytes.count else { return nil }
        let quote = bytes[open]
        var i = open + 1
        while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D {
            if quote == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == quote {
                if quote == UInt8(ascii: "'"), i + 1 < bytes.count, bytes[i + 1] == quote { i += 2; continue }
                return (open + 1)..<i
            }
            i += 1
        }
        return nil
    }

    /// The bytes that spell a value, and whether they spell it verbatim, when that is known.
    func spelling(_ value: Node, index: SourceIndex) -> (bytes: Range<Int>, verbatim: Bool)? {
        if let bytes = verbatimBytes(value, index: index) { return (bytes, true) }
        return quotedBytes(value, index: index).map { ($0, false) }
    }

    /// The source range of a value: what spells it when that is known, else where it starts.
    func range(_ value: Node, index: SourceIndex) -> SourceRange {
        range(value, spelling(value, index: index), index: index)
    }

    private func range(_ value: Node, _ spelling: (bytes: Range<Int>, verbatim: Bool)?, index: SourceIndex) -> SourceRange {
        if let spelling { return index.range(ofBytes: spelling.bytes) }
        return SourceRange(at: value.mark.map { SourceLocation(line: $0.line + 1, column: $0.column) } ?? SourceLocation(line: 1, column: 1))
    }

    /// Appends a scalar value's text to `builder`: each scalar at its own position when spelled
    /// verbatim, else all of it over the value's spelling, none of it editable.
    func append(_ value: Node, to builder: inout TextBuilder, index: SourceIndex) {
        guard let text = value.scalar?.string else { return }
        let spelling = self.spelling(value, index: index)
        if let spelling, spelling.verbatim {
            index.forEachScalar(spelling.bytes, spelling: { _, _, _ in nil }) { builder.append($0, at: $1, width: $2) }
            return
        }
        let spelled = range(value, spelling, index: index)
        let width = spelled.start.line == spelled.end.line ? max(1, spelled.end.column - spelled.start.column) : 1
        let scalars = Array(text.unicodeScalars)
        for (k, scalar) in scalars.enumerated() {
            builder.append(scalar, at: spelled.start, width: k == scalars.count - 1 ? width : 0)
        }
    }

    static func location(_ error: YamlError) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(line: mark.line + 1, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return SourceLocation(line: context.mark.line + 1, column: context.mark.column)
        default:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let keys, _):
            return "duplicate key \(keys.sorted().map { "'\($0)'" }.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
