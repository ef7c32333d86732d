/// The literal text a regular expression cannot match without: one string per top-level
/// alternative, so that a block holding none of them is skipped before the expression runs
/// (the prefilter ripgrep uses).
///
/// The reading is conservative: groups, classes, escapes of letters and digits, anchors and
/// anything quantified end a literal run and count for nothing, so every returned literal
/// really is required. Nil when some alternative has no literal, when inline flags or `\Q…\E`
/// change how the text reads, or when the pattern cannot be followed.
public enum RequiredLiterals {
    /// One literal per alternative of `pattern`; with `ignoreCase`, ASCII only and lower-cased
    /// (case-insensitive matching folds "ß" to "ss": a non-ASCII literal could miss its matches).
    public static func of(_ pattern: String, ignoreCase: Bool) -> [String]? {
        let p = Array(pattern.unicodeScalars)
        if pattern.contains("\\Q") { return nil }
        var literals: [String] = []
        var best = "", run = ""
        var i = 0
        func endRun() {
            if run.utf8.count > best.utf8.count { best = run }
            run = ""
        }
        func endAlternative() -> Bool {
            endRun()
            guard !best.isEmpty else { return false }
            literals.append(ignoreCase ? best.lowercased() : best)
            best = ""
            return true
        }
        while i < p.count {
            let c = p[i]
            var literal: Unicode.Scalar?
            var next = i + 1
            switch c {
            case "|":
                guard endAlternative() else { return nil }
                i += 1
                continue
            case "(":
                // inline flags ("(?i)", "(?x)") change the reading of what follows
                if i + 2 < p.count, p[i + 1] == "?", !":=!<>".unicodeScalars.contains(p[i + 2]) { return nil }
                guard let close = closing(p, from: i) else { return nil }
                next = close + 1
            case "[":
                guard let close = closing(p, from: i) else { return nil }
                next = close + 1
            case "\\":
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                next = i + 2
                if e.properties.isAlphabetic || e.properties.numericType != nil {
                    guard let end = endOfEscape(p, letter: e, from: next) else { return nil }
                    next = end
                } else {
                    literal = e
                }
            case ".", "^", "$":
                break
            case ")", "?", "*", "+", "{":
                return nil   // a quantifier with nothing to repeat, an unbalanced parenthesis: ICU decides
            default:
                literal = c
            }
            // a quantifier after the atom: optional or repeated, it counts for nothing
            var quantified = false
            if next < p.count, ["?", "*", "+", "{"].contains(p[next]) {
                quantified = true
                if p[next] == "{" {
                    guard let close = p[next...].firstIndex(of: "}"),
                          p[(next + 1)..<close].allSatisfy({ $0 == "," || ("0"..."9").contains($0) }) else { return nil }
                    next = close + 1
                } else {
                    next += 1
                }
                if next < p.count, p[next] == "?" || p[next] == "+" { next += 1 }   // lazy, possessive
            }
            if let literal, !quantified, !ignoreCase || literal.isASCII {
                run.unicodeScalars.append(literal)
            } else {
                endRun()
            }
            i = next
        }
        return endAlternative() ? literals : nil
    }

    /// Where an escape `\letter` whose argument starts at `start` ends: `\uhhhh`, `\x{…}`,
    /// `\p{…}`, `\N{…}`, `\k<…>`, `\cX`, octal and back-references take one; nil when unbalanced.
    private static func endOfEscape(_ p: [Unicode.Scalar], letter: Unicode.Scalar, from start: Int) -> Int? {
        func hexDigits(_ limit: Int) -> Int {
            var i = start
            while i < p.count, i - start < limit, p[i].properties.isASCIIHexDigit { i += 1 }
            return i
        }
        func through(_ close: Unicode.Scalar) -> Int? { p[start...].firstIndex(of: close).map { $0 + 1 } }
        let braced = start < p.count && p[start] == "{"
        switch letter {
        case "x": return braced ? through("}") : hexDigits(2)
        case "u": return hexDigits(4)
        case "U": return hexDigits(8)
        case "p", "P", "N": return braced ? through("}") : min(p.count, start + 1)
        case "k": return start < p.count && p[start] == "<" ? through(">") : start
        case "c": return min(p.count, start + 1)
        case "0"..."9":
            var i = start
            while i < p.count, ("0"..."9").contains(p[i]) { i += 1 }
            return i
        default: return start
        }
    }

    /// The index of the mark closing the group (`(`) or class (`[`) opened at `open`, past escapes
    /// and, in a group, past whole classes (ICU classes nest; a `]` first in a class is literal).
    private static func closing(_ p: [Unicode.Scalar], from open: Int) -> Int? {
        let isClass = p[open] == "["
        var depth = 0
        var i = open
        while i < p.count {
            switch p[i] {
            case "\\": i += 1
            case "[" where isClass:
                depth += 1
                if i + 1 < p.count, p[i + 1] == "^" { i += 1 }
                if i + 1 < p.count, p[i + 1] == "]" { i += 1 }
            case "[": guard let close = closing(p, from: i) else { return nil }; i = close
            case "(" where !isClass: depth += 1
            case ")" where !isClass, "]" where isClass:
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}
