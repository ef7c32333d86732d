import CopydeskChecks
import CopydeskCore
import Foundation
import Testing

/// The prefilters that let a pattern skip text: they may let through text the pattern does not
/// match, never hold back text it does.
@Suite struct PrefilterTests {
    @Test(arguments: [
        ("!", false, ["!"]),
        ("^[^\"“”]*(?:\"[^\"]*\"[^\"]*|“[^”]*”[^“]*)*!", false, ["!"]),
        ("(?<![\\d:])\\b\\d{1,2}:\\d{2} / \\d{1,2}:\\d{2}\\b", false, [" / "]),
        ("\\bcolou?r\\b", false, ["colo"]),
        ("Kyiv|Kiev", true, ["kyiv", "kiev"]),
        ("straße", true, ["stra"]),          // ß folds to "ss" when case is ignored: no part of a literal
        ("\\u00e9t\\x41é", false, ["é"]),    // escapes' arguments are no literal text
        ("a\\.b+c", false, ["a."]),
        ("x{2,}yz", false, ["yz"]),
    ] as [(String, Bool, [String])])
    func literalsEveryMatchNeeds(pattern: String, ignoreCase: Bool, expected: [String]) {
        #expect(RequiredLiterals.of(pattern, ignoreCase: ignoreCase) == expected)
    }

    @Test(arguments: ["a|", "(ab)", "[abc]+", "(?i)abc", "\\Qab\\E", "\\d+", "ab|\\w"])
    func noLiteralWhereSomeMatchNeedsNone(pattern: String) {
        #expect(RequiredLiterals.of(pattern, ignoreCase: false) == nil)
    }

    /// Random patterns over pieces of the syntax, random texts over letters that fold oddly: a
    /// text the pattern matches always holds one of its literals.
    @Test func literalsNeverHoldBackAMatch() throws {
        var random = SplitMix(seed: 0xC0DE_D35C)
        let pieces = ["a", "b", "S", "k", "s", " ", "\\.", ".", "[ab]", "(a|b)", "\\b", "\\d", "x?", "y*", "z+", "c{2}",
                      "|", "(?:ab)?", "\\u0061", "^", "$", "ss", "fi"]
        let letters = ["a", "b", "s", "S", "k", "K", "ß", "ſ", "\u{212A}", "ﬁ", "f", "i", " ", ".", "1", "x", "y", "z", "c"]
        var checked = 0
        for _ in 0..<3000 {
            let pattern = (0..<random.next(in: 1...6)).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
            for ignoreCase in [false, true] {
                guard let regex = try? NSRegularExpression(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : []),
                      let literals = RequiredLiterals.of(pattern, ignoreCase: ignoreCase) else { continue }
                for _ in 0..<20 {
                    let text = (0..<random.next(in: 0...12)).map { _ in letters[random.next(in: 0...(letters.count - 1))] }.joined()
                    guard regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil else { continue }
                    let held = literals.contains(where: ignoreCase ? text.containsFoldedBytes : text.containsBytes)
                    #expect(held, "pattern \(pattern) (ignoring case: \(ignoreCase)) matches \"\(text)\", which holds none of \(literals)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func foldedSearchFindsEveryASCIICaseAndDefersToThePatternOnOddLetters() {
        #expect("A PHOTO by".containsFoldedBytes("photo"))
        #expect(!"A picture".containsFoldedBytes("photo"))
        #expect("Illuﬆration".containsFoldedBytes("illustration"))   // the ligature folds to "st"
        #expect("Straße".containsFoldedBytes("strasse"))
        #expect("x".containsFoldedBytes(""))
    }
}

@Suite struct ByteLexiconTests {
    /// Words counted and cut on bytes are the Characters' split: a combining mark, an emoji modifier or a
    /// joiner after a space, or a prepended sign before one, joins the space into another Character.
    @Test func wordsCutOnBytesAreWhatSplittingCharactersGives() {
        let pieces = ["a", "word", " ", "  ", "“", "”", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{1F3FD}", "\u{0903}",
                      "\u{0600}", "\u{0E33}", "👍", "🇳🇿", "\r\n", "\t", "\u{A0}", "日本"]
        var random = SplitMix(seed: 0x5_9ACE)
        for _ in 0..<2_000 {
            let text = (0..<8).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
            let scalars = text.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(text.spaceSeparatedWordCount() == text.split(separator: " ").count, "\(scalars)")
            #expect(text.spaceSeparatedWords() == text.split(separator: " "), "\(scalars)")
        }
    }

    /// One pass finds exactly the needles a search per needle finds, overlapping ones included.
    @Test func findsWhatASearchPerNeedleFinds() {
        var random = SplitMix(seed: 0x1E_C5)
        let letters = ["a", "b", "ab", "-", "é", " ", "ba"]
        for _ in 0..<2000 {
            let needles = (0..<random.next(in: 1...8)).map { _ in
                (0..<random.next(in: 1...3)).map { _ in letters[random.next(in: 0...(letters.count - 1))] }.joined()
            }
            let text = (0..<random.next(in: 0...10)).map { _ in letters[random.next(in: 0...(letters.count - 1))] }.joined()
            let found = ByteLexicon(needles).matches(in: text)
            for (k, needle) in needles.enumerated() {
                #expect((found & (1 << k) != 0) == text.containsBytes(needle), "\(needle) in \(text)")
            }
        }
        #expect(ByteLexicon.mask(1..<3) == 0b110)
    }
}

/// A small seeded generator, so that a failure can be replayed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
