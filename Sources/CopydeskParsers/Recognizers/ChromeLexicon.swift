import CopydeskCore
import Foundation

/// Lines of page chrome seen on real news pages: player controls, navigation,
/// promos, donation appeals, share buttons, caption expanders.
enum ChromeLexicon {
    /// `Resources/lexicons/chrome.txt`.
    private static let lexicon = Lexicon.named("chrome")
    /// Whole lines that are chrome, lower-cased.
    private static let exact = Set(CaptionCues.expanders + lexicon.entries("lines"))
    /// What a short chrome line opens with, lower-cased.
    private static let prefixes = lexicon.entries("prefixes")
    /// The prefixes that open with an ASCII character, by that byte (a line opens so only if its
    /// first byte is that one), and the others.
    private static let prefixesByFirstByte = Dictionary(grouping: prefixes.filter(opensWithASCII), by: { $0.utf8.first! })
    private static let otherPrefixes = prefixes.filter { !opensWithASCII($0) }
    private static func opensWithASCII(_ text: String) -> Bool { text.utf8.first.map { $0 < 0x80 } ?? false }
    private static let playerTime = try! NSRegularExpression(pattern: "^(?:\\d{1,2}:)?\\d{1,2}:\\d\\d(?:\\s*/?\\s*(?:\\d{1,2}:)?\\d{1,2}:\\d\\d)*$")

    /// The longest entry of `exact`, in UTF-8 bytes.
    private static let longestExact = exact.map(\.utf8.count).max() ?? 0

    /// Whether a line is chrome by its words alone.
    ///
    /// Lower-casing a long line costs more than the rest: it is done only where it can decide.
    /// Lower-casing shrinks text to a third of its bytes at most (the Kelvin sign, 3 bytes, becomes
    /// "k"), and it maps the first characters of a line to the first of its lower-case form.
    static func isChrome(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces()
        if trimmed.isEmpty { return false }
        if trimmed.utf8.count <= 3 * longestExact, exact.contains(trimmed.lowercasedFast()) { return true }
        let head = String(trimmed.prefix(48)).lowercasedFast()
        if (head.utf8.first.flatMap { prefixesByFirstByte[$0] }?.contains(where: head.hasPrefixComparingBytes) ?? false)
            || otherPrefixes.contains(where: { head.hasPrefix($0) }),
           trimmed.lowercased().count < 90 { return true }
        // a player's clock ("1:02 / 3:45") starts with a digit: the pattern runs only then
        if trimmed.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true {
            let lower = trimmed.lowercased()
            if playerTime.firstMatch(in: lower, range: NSRange(location: 0, length: lower.utf16.count)) != nil { return true }
        }
        // mis-decoded UTF-8 ("â€™"), in either case
        return trimmed.containsBytes("â€") || trimmed.containsBytes("Â€")
    }
}
