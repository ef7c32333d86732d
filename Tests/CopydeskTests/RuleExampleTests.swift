import Copydesk
import Testing

/// Every shipped rule's YAML examples are tests: triggering ones must fire the rule,
/// passing ones must not. Each also runs in variants, as SwiftLint does: after an
/// emoji line (multi-byte columns) and silenced by a disable comment.
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

    /// Runs one rule alone (enabled even when it is off by default) over an example.
    static func run(_ c: Case, prefix: String = "") throws -> [Diagnostic] {
        var rule = try #require(Support.linter.configuration.rules.first { $0.id == c.rule })
        rule.enabled = true
        rule.params = c.example.params(over: rule.params)
        let engine = Engine(rules: [try RuleLoader.compile(rule, registry: .builtins)], currentYear: 2026)
        let format = c.example.format ?? "text"
        var article = try Support.linter.parse(text: prefix + c.example.text, path: "example", format: format)
        if let published = c.example.published {
            let parts = published.split(separator: "-").compactMap { Int($0) }
            article.published = PublicationDate(year: parts[0], month: parts[1], day: parts[2], source: .commandLine, text: published)
        }
        return engine.lint(article)
    }

    @Test(arguments: cases) func example(_ c: Case) throws {
        let hits = try Self.run(c)
        if c.triggers {
            #expect(!hits.isEmpty, "expected \(c.rule) to fire")
        } else {
            #expect(hits.isEmpty, "expected no \(c.rule), got: \(hits.map(\.message))")
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

    @Test(arguments: cases.filter(\.triggers)) func disableCommentSilencesTriggeringExample(_ c: Case) throws {
        let comment = "<!-- copydesk-disable \(c.rule) -->\n"
        #expect(try Self.run(c, prefix: (c.example.format ?? "text") == "html" ? comment : comment + "\n").isEmpty)
    }
}
