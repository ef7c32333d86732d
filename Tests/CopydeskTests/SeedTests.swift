import Copydesk
import Foundation
import Testing

/// The example the project started from must give exactly what design.md lists.
@Suite struct SeedTests {
    static func seed() throws -> (text: String, report: FileReport)? {
        guard let dir = Support.corpus("seed") else { return nil }
        let text = try String(contentsOf: dir.appendingPathComponent("kgou-nato-2014.txt"), encoding: .utf8)
        return (text, Support.linter.lint(text: text, path: "kgou-nato-2014.txt"))
    }

    @Test func exactlyTheDesignedFindings() throws {
        guard let (_, report) = try Self.seed() else { return }
        let byRule = Dictionary(grouping: report.diagnostics, by: \.rule)
        #expect(byRule["copyright-year-mismatch"]?.count == 1)
        #expect(byRule["caption-duplicated"]?.count == 1)
        #expect(byRule["credit-missing"] == nil)
        #expect(byRule["quote-unattributed"] == nil)
        #expect(report.diagnostics.count == 2, "and no house-style finding either: \(report.diagnostics.map(\.rule))")
    }

    @Test func captionRepeatIsLine16WithCaptionLine12Related() throws {
        guard let (_, report) = try Self.seed() else { return }
        let repeat_ = try #require(report.diagnostics.first { $0.rule == "caption-duplicated" })
        #expect(repeat_.range.start == CopydeskCore.SourceLocation(line: 16, column: 1))
        #expect(repeat_.related.map(\.range.start.line) == [12])
        #expect(repeat_.fix?.edits.first?.replacement == "")
    }

    @Test func noticesDisagreeAndTheMessageSaysWhichIsWhich() throws {
        guard let (_, report) = try Self.seed() else { return }
        let finding = try #require(report.diagnostics.first { $0.rule == "copyright-year-mismatch" })
        let lines = Set([finding.range.start.line] + finding.related.map(\.range.start.line))
        #expect(lines == [1, 30])
        #expect(finding.message.contains("2024") && finding.message.contains("2021"))
    }

    @Test func creditSplitOverThreeLinesIsRecognisedAndChromeIsNotBody() throws {
        guard let (text, _) = try Self.seed() else { return }
        let article = try Support.linter.parse(text: text, path: "kgou-nato-2014.txt")
        #expect(article.figures.count == 1)
        #expect(article.figures.first?.credit == "Francois Lenoir / Reuters/Landov")
        for block in article.blocks where block.range.start.line <= 8 {
            #expect(block.role != .body, "line \(block.range.start.line) is \(block.role)")
        }
        #expect(article.title == "NATO Chief: No Sign Russian Troops Leaving Ukraine Border")
        #expect(article.notices.compactMap(\.years).map(\.lowerBound).sorted() == [2021, 2024])
    }
}
