import CopydeskCore
import Foundation

/// Regular-expression matching over a block, with results in the block's scalar offsets
/// (what its source map uses), compiled once per rule.
struct BlockMatch {
    /// Scalar offsets of the whole match.
    var range: Range<Int>
    var text: String
    /// Captured groups (empty string when a group did not take part).
    var groups: [String]
}

extension NSRegularExpression {
    /// Compiles `pattern`, turning a bad pattern into a `ParamError` at the parameter.
    static func compile(_ pattern: String, ignoreCase: Bool, parameter: String, at location: SourceLocation?) throws -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : [])
        } catch {
            // ICU gives no reason; Swift's own regex parser names the fault
            var reason = ""
            do { _ = try Regex(pattern) } catch let parse { reason = ": \(parse)" }
            throw ParamError("parameter '\(parameter)': invalid regular expression '\(pattern)'\(reason)", at: location)
        }
    }

    /// Every match in a block's text.
    func matches(in block: Block) -> [BlockMatch] {
        let text = block.text
        let ns = text as NSString
        let found = matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !found.isEmpty else { return [] }
        // UTF-16 offset → scalar offset, built once per block
        var scalarAt = [Int](repeating: 0, count: ns.length + 1)
        var u16 = 0
        for (i, scalar) in text.unicodeScalars.enumerated() {
            for k in 0..<UTF16.width(scalar) { scalarAt[u16 + k] = i }
            u16 += UTF16.width(scalar)
        }
        scalarAt[ns.length] = block.scalars.count
        return found.map { m in
            let groups = (0..<max(0, m.numberOfRanges - 1)).map { g -> String in
                let r = m.range(at: g + 1)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
            return BlockMatch(range: scalarAt[m.range.location]..<scalarAt[NSMaxRange(m.range)],
                              text: ns.substring(with: m.range), groups: groups)
        }
    }
}

/// A compiled pattern, with a prefilter that skips blocks it cannot match before the regular
/// expression runs.
struct Pattern: Sendable {
    /// What a block must hold for the pattern to be tried on it.
    enum Prefilter: Sendable {
        /// The lower-cased first word of one of the tokens, in the block's folded text.
        case words([String])
        /// One of the literals every match needs (`RequiredLiterals`), in any case when the
        /// pattern ignores case.
        case literals([String], ignoreCase: Bool)

        func admits(_ block: Block) -> Bool {
            switch self {
            case .words(let needles): needles.contains(where: block.folded.containsBytes)
            case .literals(let literals, let ignoreCase):
                literals.contains(where: ignoreCase ? block.text.containsFoldedBytes : block.text.containsBytes)
            }
        }
    }

    let regex: LazyRegex
    /// Nil when any block may match.
    let prefilter: Prefilter?

    /// A regular expression as written, run only on blocks that hold one of its required literals.
    static func raw(_ pattern: String, ignoreCase: Bool, parameter: String, at node: ParamNode?) throws -> Pattern {
        Pattern(regex: try LazyRegex(parameter: pattern, ignoreCase: ignoreCase, named: parameter, at: node),
                prefilter: RequiredLiterals.of(pattern, ignoreCase: ignoreCase).map { .literals($0, ignoreCase: ignoreCase) })
    }

    /// Any of `tokens` as whole words (or phrases, spaces matching any white space).
    static func words(_ tokens: [String], ignoreCase: Bool) -> Pattern {
        // a word boundary on each side that is a letter or digit (cheap to compile, unlike \p{L} sets)
        let alternatives = tokens.sorted { $0.count > $1.count }.map { token -> String in
            let body = NSRegularExpression.escapedPattern(for: token).replacingBytes("\\ ", with: "\\s+")
            let lead = token.first.map { $0.isLetter || $0.isNumber } == true ? "\\b" : ""
            let tail = token.last.map { $0.isLetter || $0.isNumber } == true ? "\\b" : ""
            return lead + body + tail
        }
        // escaped words always compile: the expression is compiled when a block first holds one of them
        let regex = LazyRegex(pattern: "(?:\(alternatives.joined(separator: "|")))", options: ignoreCase ? [.caseInsensitive] : [])
        return Pattern(regex: regex, prefilter: .words(tokens.map { String($0.lowercased().split(separator: " ").first ?? "") }))
    }

    func matches(in block: Block) -> [BlockMatch] {
        if let prefilter, !prefilter.admits(block) { return [] }
        return regex.expression?.matches(in: block) ?? []
    }
}

/// A regular expression compiled on first use, once per process however many threads ask:
/// a run that never meets a rule's words never pays for compiling them.
///
/// Guarded by `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`: on Linux a
/// contended `Mutex` waits in the uninstrumented runtime, so ThreadSanitizer misses the
/// ordering it gives and reports a race that is not one.
final class LazyRegex: @unchecked Sendable {
    private let source: (pattern: String, options: NSRegularExpression.Options)?
    private let lock = NSLock()
    /// Guarded by `lock`: nil until first asked for, then the expression or nil if it did not compile.
    private var compiled: NSRegularExpression??

    /// An expression compiled already (a user's pattern, checked when the rule is loaded).
    init(compiled regex: NSRegularExpression) {
        source = nil
        compiled = .some(regex)
    }

    /// A rule parameter's expression: compiled now, so that a fault is reported at `node`, unless
    /// `node` is shipped (see `ParamNode.shipped`): then on first use.
    convenience init(parameter pattern: String, ignoreCase: Bool, named parameter: String, at node: ParamNode?) throws {
        if node?.shipped == true {
            self.init(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : [])
        } else {
            self.init(compiled: try .compile(pattern, ignoreCase: ignoreCase, parameter: parameter, at: node?.location))
        }
    }

    /// An expression compiled when first asked for; nil then if it does not compile.
    init(pattern: String, options: NSRegularExpression.Options) {
        source = (pattern, options)
        compiled = nil
    }

    var expression: NSRegularExpression? {
        lock.withLock {
            if let regex = compiled { return regex }
            let regex = source.flatMap { try? NSRegularExpression(pattern: $0.pattern, options: $0.options) }
            compiled = .some(regex)
            return regex
        }
    }
}
