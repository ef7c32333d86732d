/// A word list shipped as a file under `Resources/lexicons/` and embedded in the binary.
///
/// One entry a line; a line opening with `#` is a comment; `[name]` opens a section; an entry in
/// double quotes keeps its spaces and may open with `#` or `[` (`"read more "`); `""` is no entry.
/// Each list lives in one file, and the code that uses it reads it from there.
public struct Lexicon: Sendable {
    /// Each section's entries in file order; entries before any section are under "".
    public let sections: [String: [String]]

    public init(text: String) {
        var sections: [String: [String]] = [:]
        var current = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            let quoted = line.count >= 2 && line.hasPrefix("\"") && line.hasSuffix("\"")
            let entry = quoted ? String(line.dropFirst().dropLast()) : line
            if !entry.isEmpty { sections[current, default: []].append(entry) }
        }
        self.sections = sections
    }

    /// The embedded `Resources/lexicons/NAME.txt`. Its absence is a programming error, not a
    /// user's (the build embeds every file there; `LexiconTests` reads each shipped list).
    public static func named(_ name: String) -> Lexicon {
        guard let text = EmbeddedResources.text(of: "Resources/lexicons/\(name).txt") else {
            preconditionFailure("Resources/lexicons/\(name).txt is not embedded")
        }
        return Lexicon(text: text)
    }

    /// The entries of a section, one a line.
    public func entries(_ section: String = "") -> [String] { sections[section] ?? [] }

    /// The words of a section whose lines list words separated by spaces.
    public func words(_ section: String) -> [String] {
        entries(section).flatMap { $0.split(separator: " ").map(String.init) }
    }
}
