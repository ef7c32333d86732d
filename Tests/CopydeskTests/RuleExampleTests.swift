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

    @Test(arguments: cases) func example(_ c: Case) {
        let report = Support.lint(c.example.text, format: c.example.format ?? "text", published: c.example.published)
        #expect(report.error == nil, "example did not parse: \(report.error?.message ?? "")")
        let hits = report.diagnostics.filter { $0.rule == c.rule }
        if c.triggers {
            #expect(!hits.isEmpty, "expected \(c.rule) to fire")
        } else {
            #expect(hits.isEmpty, "expected no \(c.rule), got: \(hits.map(\.message))")
        }
    }

    @Test(arguments: cases.filter(\.triggers)) func triggeringAfterEmojiLineKeepsColumnsInScalars(_ c: Case) {
        guard (c.example.format ?? "text") == "text" else { return }
        let plain = Support.lint(c.example.text, published: c.example.published).diagnostics.filter { $0.rule == c.rule }
        let shifted = Support.lint("📰🗞️ Newsroom\n" + c.example.text, published: c.example.published)
            .diagnostics.filter { $0.rule == c.rule }
        #expect(shifted.count == plain.count)
        for (a, b) in zip(plain, shifted) {
            #expect(b.range.start.line == a.range.start.line + 1)
            #expect(b.range.start.column == a.range.start.column)
        }
    }

    @Test(arguments: cases.filter(\.triggers)) func disableCommentSilencesTriggeringExample(_ c: Case) {
        let comment = "<!-- copydesk-disable \(c.rule) -->\n"
        let text: String
        switch c.example.format ?? "text" {
        case "html": text = comment + c.example.text
        default: text = comment + "\n" + c.example.text
        }
        let report = Support.lint(text, format: c.example.format ?? "text", published: c.example.published)
        #expect(report.diagnostics.filter { $0.rule == c.rule }.isEmpty)
    }
}
