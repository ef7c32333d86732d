import Foundation
import Copydesk
import Testing

/// Every shipped rule's YAML examples are tests: a triggering one must give exactly the findings
/// its `⟦…⟧` markers place, each with its message; a passing one none. Each also runs in variants,
/// as SwiftLint does: after a line of multi-byte characters (columns count scalars), with CRLF line
/// ends and with lone CRs (the same ranges), inside Markdown code and an HTML `<script>` (code is never prose), and
/// silenced by a disable comment.
@Suite struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var example: RuleExample
        var triggers: Bool
        var testDescription: String { "\(rule) \(triggers ? "triggering" : "passing"): \(example.text.prefix(50))" }
    }

    static let cases: [Case] = Support.linter.configuration.rules.flatMap { rule in
        rule.triggering.map { Case(rule: rule.id, example: $0, triggers: true) }
            + rule.passing.map { Case(rule: rule.id, example: $0, triggers: false) }
    }

    @Test func everyShippedRuleHasBothKindsOfExample() {
        for rule in Support.linter.configuration.rules {
            #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.passing.isEmpty, "\(rule.id) has no passing example")
        }
    }

    /// A shipped rule's patterns are compiled on first use, not when loaded; read as a user's file
    /// (every pattern compiled at once, a fault reported at its line), each must compile.
    @Test func everyShippedRulesPatternsCompile() throws {
        for rule in Support.linter.configuration.rules {
            let text = try String(contentsOf: Support.root.appendingPathComponent(rule.file), encoding: .utf8)
            let asUsers = try RuleLoader.rule(file: rule.file, text: text, pack: rule.pack)
            #expect(throws: Never.self, "\(rule.id)") { try RuleLoader.compile(asUsers, registry: .builtins) }
        }
    }

    /// A shipped rule file is read with its description and examples left blank, and those read
    /// when first asked for (`RuleDetails`); the rule must be the one the whole file gives at once,
    /// as a user's file is read, down to every parameter's position.
    @Test func aShippedRuleReadInTwoPartsIsTheRuleReadWhole() throws {
        func flat(_ node: ParamNode, _ path: String) -> [String] {
            let here = "\(path)@\(node.location.map { "\($0.line):\($0.column)" } ?? "-")"
            switch node.value {
            case .scalar(let s): return ["\(here)=\(s)"]
            case .list(let items): return [here] + items.enumerated().flatMap { flat($1, "\(path)[\($0)]") }
            case .map(let entries): return [here] + entries.flatMap { flat($0.value, "\(path).\($0.key)") }
            }
        }
        func flat(_ params: RuleParams) -> [String] { params.entries.flatMap { flat($0.value, $0.key) } }
        let rules = Support.root.appendingPathComponent("Rules")
        let files = try FileManager.default.subpathsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files.count >= 20, "\(files)")
        for file in files {
            let text = try String(contentsOf: rules.appendingPathComponent(file), encoding: .utf8)
            let pack = String(file.split(separator: "/")[0])
            let inParts = try RuleLoader.rule(file: "Rules/" + file, text: text, pack: pack, shipped: true)
            let whole = try RuleLoader.rule(file: "Rules/" + file, text: text, pack: pack)
            #expect(inParts.id == whole.id && inParts.kind == whole.kind && inParts.severity == whole.severity
                        && inParts.message == whole.message && inParts.scope == whole.scope && inParts.enabled == whole.enabled, "\(file)")
            #expect(flat(inParts.params) == flat(whole.params), "\(file)")
            #expect(!whole.description.isEmpty && inParts.description == whole.description, "\(file)")
            #expect(!whole.triggering.isEmpty && inParts.triggering == whole.triggering, "\(file)")
            #expect(inParts.passing == whole.passing, "\(file)")
        }
    }

    /// Runs one rule alone (enabled even when it is off by default) over an example's unmarked text,
    /// with `prefix` before it and `transform` applied to the whole.
    static func run(_ c: Case, prefix: String = "", format: String? = nil,
                    transform: (String) -> String = { $0 }) throws -> [Diagnostic] {
        var rule = try #require(Support.linter.configuration.rules.first { $0.id == c.rule })
        rule.enabled = true
        rule.params = c.example.params(over: rule.params)
        let engine = Engine(rules: [try RuleLoader.compile(rule, registry: .builtins)], currentYear: 2026)
        let format = format ?? c.example.format ?? "text"
        var article = try Support.linter.parse(text: transform(prefix + c.example.plainText), path: "example", format: format)
        if let published = c.example.published {
            let parts = published.split(separator: "-").compactMap { Int($0) }
            article.published = PublicationDate(year: parts[0], month: parts[1], day: parts[2], source: .commandLine, text: published)
        }
        return engine.lint(article)
    }

    @Test(arguments: cases) func example(_ c: Case) throws {
        let hits = try Self.run(c)
        guard c.triggers else {
            #expect(hits.isEmpty, "expected no \(c.rule), got: \(hits.map(\.message))")
            return
        }
        #expect(!c.example.expectedRanges.isEmpty, "mark where \(c.rule) fires with ⟦…⟧")
        #expect(hits.map(\.range) == c.example.expectedRanges, "\(c.rule) fired at \(hits.map(\.range)), marked \(c.example.expectedRanges)")
        for hit in hits {
            #expect(!hit.message.isEmpty && !hit.message.contains("{{"), "\(c.rule): message \(hit.message)")
        }
        if let message = c.example.message {
            #expect(hits.allSatisfy { $0.message == message }, "\(c.rule): \(hits.map(\.message))")
        }
    }

    @Test(arguments: cases.filter(\.triggers)) func triggeringAfterEmojiLineKeepsColumnsInScalars(_ c: Case) throws {
        guard (c.example.format ?? "text") == "text" else { return }
        let plain = try Self.run(c)
        let shifted = try Self.run(c, prefix: "📰🗞️ Newsroom\n")
        #expect(shifted.count == plain.count)
        for (a, b) in zip(plain, shifted) {
            #expect(b.range.start.line == a.range.start.line + 1)
            #expect(b.range.start.column == a.range.start.column)
        }
    }

    @Test(arguments: cases.filter(\.triggers)) func triggeringWithCRLFOrCRLineEndsKeepsItsRanges(_ c: Case) throws {
        for end in ["\r\n", "\r"] {
            let hits = try Self.run(c) { $0.replacingOccurrences(of: "\n", with: end) }
            #expect(hits.map(\.range) == c.example.expectedRanges, "line ends \(end.unicodeScalars.map { $0.escaped(asASCII: true) })")
        }
    }

    @Test(arguments: cases.filter { $0.triggers && ($0.example.format ?? "text") == "text" })
    func triggeringTextInsideCodeIsNotProse(_ c: Case) throws {
        let fenced = try Self.run(c, format: "markdown") { "```\n" + $0 + "\n```\n" }
        #expect(fenced.isEmpty, "\(c.rule) fired inside a Markdown code block")
        let script = try Self.run(c, format: "html") { "<script>\n" + $0 + "\n</script>\n" }
        #expect(script.isEmpty, "\(c.rule) fired inside <script>")
    }

    @Test(arguments: cases.filter(\.triggers)) func disableCommentSilencesTriggeringExample(_ c: Case) throws {
        let comment = "<!-- copydesk-disable \(c.rule) -->\n"
        #expect(try Self.run(c, prefix: (c.example.format ?? "text") == "html" ? comment : comment + "\n").isEmpty)
    }
}
