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
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0 == "---" || $0 == "..." || $0 == "---\r" || $0 == "...\r" }) else {
            throw InputError("front matter opened on line 1 is never closed with '---'", at: SourceLocation(line: 1, column: 1))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        lineCount = close + 2
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

    /// The source location (in the whole file) of a key's value.
    func location(_ key: String) -> SourceLocation {
        if let mark = node?[key]?.mark { return SourceLocation(line: mark.line + 1, column: mark.column) }
        return SourceLocation(line: 1, column: 1)
    }

    subscript(key: String) -> Node? { node?[key] }

    static func location(_ error: YamlError) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(line: mark.line + 1, column: mark.column)
        default:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
