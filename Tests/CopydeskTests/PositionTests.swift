import Copydesk
import Foundation
import Testing

/// Source positions come from the parsers, and fixes edit only the prose they were computed from.
/// Expected ranges are marked in the test text with `⟦…⟧`.
@Suite struct PositionTests {
    /// The findings of the AP e-mail rule alone on a marked text, and the ranges its markers expect.
    func emailFindings(_ marked: String, path: String) throws -> (found: [SourceRange], expected: [SourceRange], fixes: Int) {
        let (text, expected) = RuleExample.unmarked(marked)
        let report = Support.linter.lint(text: text, path: path)
        let hits = report.diagnostics.filter { $0.rule == "newsroom-email" }
        return (hits.map(\.range), expected, hits.filter { $0.fix != nil }.count)
    }

    @Test func aScriptHoldingTheSameWordsIsNeverTheFindingsPlace() throws {
        let r = try emailFindings(#"<html><body><script>var s = "The e-mail";</script><p>The ⟦e-mail⟧ address is here.</p></body></html>"#,
                                  path: "a.html")
        #expect(r.found == r.expected)
        #expect(r.fixes == 1)
    }

    @Test func aCodeSpanOrCodeBlockIsNotProse() throws {
        let r = try emailFindings("Send `e-mail` here, and ⟦e-mail⟧ there.\n\n```\nan e-mail in code\n```\n", path: "a.md")
        #expect(r.found == r.expected)
    }

    @Test func aCharacterReferenceIsOneCharacterOfTextAndAllOfItsSpelling() throws {
        let r = try emailFindings("<p>caf&eacute; ⟦e-mail⟧ is fine, &amp; so is ⟦e-mail⟧.</p>", path: "a.html")
        #expect(r.found == r.expected)
        let article = try Support.linter.parse(text: "<p>caf&eacute; au lait</p>", path: "b.html")
        let block = try #require(article.blocks.first)
        #expect(block.text == "café au lait")
        // "café" is 4 scalars of text and 11 of source: the range ends after the reference's ';'
        #expect(block.map.range(0..<4) == SourceRange(start: .init(line: 1, column: 4), end: .init(line: 1, column: 15)))
        #expect(!block.map.isVerbatim(0..<4))
        #expect(block.map.isVerbatim(5..<7))
        // a space spelled `&nbsp;` is one space of text over six characters, not verbatim text
        let nbsp = try #require(try Support.linter.parse(text: "<p>an&nbsp;egg</p>", path: "c.html").blocks.first)
        #expect(nbsp.text == "an egg")
        #expect(nbsp.map.range(2..<3) == SourceRange(start: .init(line: 1, column: 6), end: .init(line: 1, column: 12)))
        #expect(!nbsp.map.isVerbatim(0..<3))
        #expect(nbsp.map.isVerbatim(3..<6))
    }

    @Test func aLongStyleSheetOnAMinifiedLineDoesNotShiftFindings() throws {
        let css = String(repeating: ".e-mail{color:red} ", count: 320)   // about 6 KB
        let r = try emailFindings("<html><head><style>\(css)</style></head><body><p>Our ⟦e-mail⟧ desk.</p></body></html>", path: "a.html")
        #expect(r.found == r.expected)
    }

    @Test func frontMatterValuesAndImagesAreRangedWhole() throws {
        let md = """
        ---
        title: Harbor road
        date: 2024-05-01
        copyright: "⟦© 2019 Harbor Gazette⟧"
        ---

        ⟦![A crane lifts the span](crane.jpg)⟧

        The crane arrived on Monday, the council said in a statement.
        """
        let (text, expected) = RuleExample.unmarked(md)
        let report = Support.linter.lint(text: text, path: "a.md")
        let notice = try #require(report.diagnostics.first { $0.rule == "copyright-year-mismatch" })
        #expect(notice.range == expected[0])
        let article = try Support.linter.parse(text: text, path: "a.md")
        #expect(article.figures.first?.location == expected[1])
    }

    @Test func aFixAcrossMarkupIsDroppedWithANote() throws {
        let report = Support.linter.lint(text: "<p>Send an e-<b>mail</b> today.</p>", path: "a.html")
        let hit = try #require(report.diagnostics.first { $0.rule == "newsroom-email" })
        #expect(hit.fix == nil)
        #expect(hit.related.contains { $0.message.hasPrefix("not fixed automatically") })
    }

    /// `--fix-dry-run` prints a diff that `git apply --check` and `patch -p1 --dry-run` accept, for
    /// LF, CRLF, lone CR and mixed line ends, with and without a final line feed.
    @Test func dryRunDiffsApplyWithGitAndPatch() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "lf.txt": "One e-mail here.\nTwo.\nThree e-mail.\n",
            "crlf.txt": "One e-mail here.\r\nTwo.\r\nThree e-mail.",
            "mixed.md": "One e-mail here.\nTwo.\r\n\r\nThree e-mail.\n",
            "cr.txt": "One e-mail here.\rTwo.\r\rThree e-mail.\r",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try Support.shell("git init -q && git add . && git -c user.email=t@t -c user.name=t commit -qm base", in: folder)
        let json = try Support.run(["lint", "--fix-dry-run", "--format", "json", "lf.txt"], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let file = try #require((object?["files"] as? [[String: Any]])?.first)
        let edits = try #require((file["passes"] as? [[[String: Any]]])?.first)
        #expect(edits.count == 2)
        #expect(edits.first?["replacement"] as? String == "email")
        #expect(edits.first?["expected"] as? String == "e-mail")

        let run = try Support.run(["lint", "--fix-dry-run"] + files.keys.sorted(), in: folder)
        #expect(run.code == 0, "nothing is left after the fixes: \(run.err)")
        try Data(run.out.utf8).write(to: folder.appendingPathComponent("fix.diff"))
        #expect(run.out.components(separatedBy: "--- a/").count == 5)
        let git = try Support.shell("git apply --check fix.diff", in: folder)
        #expect(git.code == 0, "git apply: \(git.out)")
        let patch = try Support.shell("patch -p1 --dry-run < fix.diff", in: folder)
        #expect(patch.code == 0, "patch: \(patch.out)")
        #expect(try Support.shell("git apply fix.diff", in: folder).code == 0)
        let fixed = try String(contentsOf: folder.appendingPathComponent("crlf.txt"), encoding: .utf8)
        #expect(fixed == "One email here.\r\nTwo.\r\nThree email.")
        let cr = try String(contentsOf: folder.appendingPathComponent("cr.txt"), encoding: .utf8)
        #expect(cr == "One email here.\rTwo.\r\rThree email.\r")
    }

    /// Each real page in all three renditions, with its lines ended by lone carriage returns (as old Mac
    /// files are) and by CR LF, gives the findings it gives with line feeds, at the same lines and columns.
    @Test func aPageReadsTheSameWhateverEndsItsLines() throws {
        guard let real = Support.corpus("real") else { return }
        let formats = ["txt": "text", "md": "markdown", "html": "html"]
        var compared = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: real.path).sorted() {
            guard let format = formats[(name as NSString).pathExtension] else { continue }
            let text = try String(contentsOf: real.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "\r\n", with: "\n")
            func findings(_ end: String) -> [String] {
                Support.lint(text.replacingOccurrences(of: "\n", with: end), format: format).diagnostics
                    .map { "\($0.rule) \($0.range.start)-\($0.range.end)" }
            }
            let lf = findings("\n")
            #expect(findings("\r") == lf, "\(name) with lone CRs")
            #expect(findings("\r\n") == lf, "\(name) with CR LF")
            compared += lf.count
        }
        #expect(compared > 100, "only \(compared) findings compared")
    }

    /// Every finding on every page of the corpus, in all three renditions, points at source text whose visible form
    /// (rendered by an independent script, not by the parsers) is the finding's excerpt.
    @Test func everyCorpusFindingPointsAtItsExcerpt() throws {
        guard let real = Support.corpus("real"), let more = Support.corpus("more") else { return }
        let pages = try [real, more].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { ($0.hasSuffix(".html") || $0.hasSuffix(".md") || $0.hasSuffix(".txt")) && $0 != "README.md" }
                .map { folder.appendingPathComponent($0).path }
        }
        let run = try Support.process("/usr/bin/env", ["python3", Support.root.appendingPathComponent("Tests/tools/source_check.py").path,
                                                       "positions", "--copydesk", Support.binary.path] + pages)
        #expect(run.code == 0, "source_check.py failed: \(run.err.suffix(500))")
        let result = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        let checked = result?["checked"] as? Int ?? 0
        let wrong = result?["wrong"] as? [[String: Any]] ?? [["missing": true]]
        #expect(pages.count > 1000)
        #expect(checked > 2000, "only \(checked) findings checked")
        #expect(wrong.isEmpty, "\(wrong.count) of \(checked) findings point elsewhere: \(wrong.prefix(3))")
    }

    /// `--fix` over a copy of the corpus touches no tag, script, style, comment or code, a second pass
    /// changes nothing, and every fixed file still parses.
    @Test func fixingTheCorpusTouchesOnlyProse() throws {
        guard let real = Support.corpus("real"), let more = Support.corpus("more") else { return }
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for source in [real, more] {
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
            where (name.hasSuffix(".html") || name.hasSuffix(".md")) && name != "README.md" {
                let copy = folder.appendingPathComponent("\(source.lastPathComponent)-\(name)")
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: copy)
                // the shared corpus is read-only, which --fix respects: the copies are the user's own
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy.path)
            }
        }
        let run = try Support.process("/usr/bin/env", ["python3", Support.root.appendingPathComponent("Tests/tools/source_check.py").path,
                                                       "fix", "--copydesk", Support.binary.path, folder.path])
        #expect(run.code == 0, "source_check.py failed: \(run.err.suffix(500))")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(result["files"] as? Int ?? 0 > 600)
        #expect(result["changed"] as? Int ?? 0 > 50, "the fixes should change many files")
        #expect((result["touched"] as? [String])?.isEmpty == true, "fixes edited code or markup: \(result["touched"] ?? "")")
        #expect((result["second_pass_changed"] as? [String])?.isEmpty == true, "a second --fix changed: \(result["second_pass_changed"] ?? "")")
        #expect((result["unparsable"] as? [String])?.isEmpty == true, "no longer parse: \(result["unparsable"] ?? "")")
    }
}
