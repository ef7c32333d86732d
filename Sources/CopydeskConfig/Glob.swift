import CopydeskCore
import Foundation

/// A path pattern: `*` within a folder, `**` across folders, `?`, `{a,b}` alternatives.
public struct Glob: Sendable {
    public let pattern: String
    private let regex: NSRegularExpression

    public init(_ pattern: String) throws {
        self.pattern = pattern
        var out = "^"
        var chars = Array(pattern.withoutDotSlash)
        if !pattern.contains("/") { chars = Array("**/") + chars }   // a bare name matches at any depth
        var i = 0
        var inBraces = false
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    if i + 2 < chars.count, chars[i + 2] == "/" {
                        out += "(?:.*/)?"
                        i += 3
                        continue
                    }
                    out += ".*"
                    i += 2
                    continue
                }
                out += "[^/]*"
            case "?": out += "[^/]"
            case "{": out += "(?:"; inBraces = true
            case "}" where inBraces: out += ")"; inBraces = false
            case "," where inBraces: out += "|"
            default: out += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        out += "(?:/.*)?$"   // a folder pattern matches what is inside it
        regex = try NSRegularExpression(pattern: out)
    }

    /// Whether a relative path (with `/` separators) matches.
    public func matches(_ path: String) -> Bool {
        let p = path.withoutDotSlash
        return regex.firstMatch(in: p, range: NSRange(location: 0, length: (p as NSString).length)) != nil
    }
}
