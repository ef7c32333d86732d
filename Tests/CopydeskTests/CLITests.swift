import Copydesk
import Foundation
import Testing

/// End to end: the built binary, its output and its exit codes.
@Suite struct CLITests {
    static let quoteStory = "Council Votes on Road Plan\n\nThe council met on Tuesday to discuss the road.\n\n\"Nobody here expected the line to stretch around the block that night.\"\n\nThe vote is set for May.\n"
    static let cleanStory = "Council Votes on Road Plan\n\nThe council met on Tuesday to discuss the road.\n\n\"We will vote on the plan in May,\" Mayor Ruth Diaz said.\n"

    func write(_ files: [String: Data]) throws -> URL {
        let dir = try Support.temporaryFolder()
        for (name, data) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return dir
    }

    @Test func exitCodesZeroForCleanOneForFindings() throws {
        let dir = try write(["clean.txt": Data(Self.cleanStory.utf8), "bad.txt": Data(Self.quoteStory.utf8)])
        #expect(try Support.run(["lint", "clean.txt"], in: dir).code == 0)
        let result = try Support.run(["lint", "bad.txt"], in: dir)
        #expect(result.code == 1)
        #expect(result.out.contains("bad.txt:5:1: error: Quotation has no attribution"))
        #expect(result.out.contains("[quote-unattributed]"))
        #expect(result.out.contains("    ^~~"))
    }

    @Test func failOnAndMaxWarnings() throws {
        let dir = try write(["bad.txt": Data(Self.quoteStory.utf8),
                             ".copydesk.yml": Data("version: 1\nrules:\n  quote-unattributed: {severity: warning}\n".utf8)])
        #expect(try Support.run(["lint", "bad.txt"], in: dir).code == 0)
        #expect(try Support.run(["lint", "bad.txt", "--fail-on", "warning"], in: dir).code == 1)
        #expect(try Support.run(["lint", "bad.txt", "--max-warnings", "0"], in: dir).code == 1)
        #expect(try Support.run(["lint", "bad.txt", "--max-warnings", "1"], in: dir).code == 0)
    }

    @Test func jsonOutputIsTheDocumentedShape() throws {
        let dir = try write(["a/bad.txt": Data(Self.quoteStory.utf8), "a/clean.txt": Data(Self.cleanStory.utf8)])
        let result = try Support.run(["lint", "a", "--format", "json"], in: dir)
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect((json["tool"] as? [String: Any])?["name"] as? String == "copydesk")
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["a/bad.txt", "a/clean.txt"])
        let d = try #require((files[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect(d["rule"] as? String == "quote-unattributed")
        #expect(d["line"] as? Int == 5 && d["column"] as? Int == 1 && d["endLine"] as? Int == 5)
        // the excerpt is the quotation as the reader sees it, marks included
        #expect((d["excerpt"] as? String)?.hasPrefix("\"Nobody here expected") == true)
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary["files"] == 2 && summary["errors"] == 1)
    }

    @Test func badInputGetsAClearErrorExitTwoAndOtherFilesAreStillLinted() throws {
        let dir = try write([
            "bad-utf8.txt": Data("Line one\nLine ".utf8) + Data([0x6F, 0x6B, 0xC3, 0x28]),
            "binary.txt": Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]),
            "empty.md": Data(),
            "front.md": Data("---\ntitle: [unclosed\n---\n\nBody text.\n".utf8),
            "broken.html": Data("<html><body><p>Unclosed <b>bold <div><p>\"Nobody here expected the line to stretch around the block.\"".utf8),
            "good.txt": Data(Self.quoteStory.utf8),
        ])
        let result = try Support.run(["lint", ".", "--format", "json"], in: dir)
        #expect(result.code == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let errors = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as! String, $0["error"] as? [String: Any]) })
        #expect((errors["bad-utf8.txt"] ?? nil)?["message"] as? String == "invalid UTF-8")
        #expect((errors["bad-utf8.txt"] ?? nil)?["line"] as? Int == 2)
        #expect(((errors["binary.txt"] ?? nil)?["message"] as? String)?.contains("binary") == true)
        #expect(((errors["empty.md"] ?? nil)?["message"] as? String)?.contains("empty") == true)
        #expect(((errors["front.md"] ?? nil)?["message"] as? String)?.contains("front matter") == true)
        #expect((errors["front.md"] ?? nil)?["line"] as? Int == 3)
        #expect((errors["broken.html"] ?? nil) == nil, "broken HTML is recovered, not refused")
        #expect((errors["good.txt"] ?? nil) == nil)
        let good = files.first { $0["path"] as? String == "good.txt" }
        #expect((good?["diagnostics"] as? [Any])?.count == 1)
        #expect(result.err.contains("front.md:3:1: error: malformed front matter"))
    }

    @Test func symlinkLoopsAndHugeFilesAreHandled() throws {
        let dir = try write(["a/story.txt": Data(Self.quoteStory.utf8)])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path, withDestinationPath: "..")
        let big = String(repeating: "The council met on Tuesday to discuss the road plan again and again.\n\n", count: 60_000)
        try Data(("Huge Story\n\n" + big).utf8).write(to: dir.appendingPathComponent("a/huge.txt"))
        let result = try Support.run(["lint", ".", "--format", "json"], in: dir)
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let paths = (json["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(paths == ["a/huge.txt", "a/story.txt"], "each file once, the loop not followed")
    }

    /// Inputs that are not UTF-8 articles are named for what they are, each with exit 2, and the
    /// other files are still linted; a CRLF file with front matter reads like its LF twin.
    @Test func encodingsPipesLinksAndBlankFilesAreNamed() throws {
        let dir = try write([
            "utf16.txt": Data([0xFF, 0xFE]) + "Hi".data(using: .utf16LittleEndian)!,
            "blank.md": Data("  \n\t\n".utf8),
            "late-nul.txt": Data(String(repeating: "word ", count: 20_000).utf8) + Data([0]) + Data("tail".utf8),
            "crlf.md": Data("---\r\ntitle: Harbor road\r\ndate: 2024-05-01\r\ncopyright: \"© 2019 Harbor Gazette\"\r\n---\r\n\r\nThe council met.\r\n".utf8),
            "good.txt": Data(Self.quoteStory.utf8),
        ])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("self.txt").path, withDestinationPath: "self.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("gone.txt").path, withDestinationPath: "missing.txt")
        #expect(mkfifo(dir.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        let names = ["utf16.txt", "blank.md", "late-nul.txt", "crlf.md", "self.txt", "gone.txt", "pipe.txt", "good.txt"]
        let result = try Support.run(["lint", "--format", "json"] + names, in: dir)
        #expect(result.code == 2)
        let files = try #require((try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let message = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as! String, ($0["error"] as? [String: Any])?["message"] as? String) })
        #expect(message["utf16.txt"]??.contains("UTF-16") == true)
        #expect(message["blank.md"]??.contains("only white space") == true)
        #expect(message["late-nul.txt"]??.contains("NUL byte at offset 100000") == true)
        #expect(message["self.txt"]??.contains("symbolic link loop") == true)
        #expect(message["gone.txt"]??.contains("symbolic link to nothing") == true)
        #expect(message["pipe.txt"]??.contains("FIFO") == true)
        #expect(message["crlf.md"] == .some(nil), "CRLF front matter is read: \(String(describing: message["crlf.md"]))")
        let crlf = files.first { $0["path"] as? String == "crlf.md" }
        let notice = (crlf?["diagnostics"] as? [[String: Any]])?.first { $0["rule"] as? String == "copyright-year-mismatch" }
        #expect(notice?["line"] as? Int == 4 && notice?["column"] as? Int == 13 && notice?["endColumn"] as? Int == 34)
        #expect((files.first { $0["path"] as? String == "good.txt" }?["diagnostics"] as? [Any])?.count == 1)
    }

    /// A "billion laughs" of YAML aliases in a rule's parameters is refused at once, naming the file.
    @Test func aliasBombInTheConfigIsAnError() throws {
        var yaml = "rules:\n  newsroom-email:\n    params:\n      a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = Array("abcdefghij")
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "      \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let dir = try write([".copydesk.yml": Data(yaml.utf8), "a.txt": Data("The e-mail came.\n".utf8)])
        let result = try Support.run(["lint", "a.txt"], in: dir)
        #expect(result.code == 2)
        #expect(result.err.contains(".copydesk.yml:") && result.err.contains("alias"), "\(result.err)")
    }

    /// A link to nothing or to itself inside a walked folder is reported, not skipped in silence.
    /// (A folder the user may not read is reported the same way; as root every folder is readable.)
    @Test func brokenLinksInAWalkedFolderAreReported() throws {
        let dir = try write(["news/a.txt": Data(Self.quoteStory.utf8)])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("news/gone.md").path, withDestinationPath: "missing.md")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("news/self.md").path, withDestinationPath: "self.md")
        let result = try Support.run(["lint", "news"], in: dir)
        #expect(result.code == 2)
        #expect(result.out.contains("news/gone.md: error: a symbolic link to nothing"))
        #expect(result.out.contains("news/self.md: error: a symbolic link loop"))
        #expect(result.out.contains("news/a.txt:5:1:"), "the other files are still linted")
    }

    @Test func aFileOverTheSizeLimitIsRefusedUnread() throws {
        let big = String(repeating: "The council met on Tuesday to discuss the road plan.\n\n", count: 40_000)   // 2.1 MB
        let dir = try write(["big.txt": Data(big.utf8), "good.txt": Data(Self.quoteStory.utf8)])
        let result = try Support.run(["lint", "--max-file-size", "1", "big.txt", "good.txt"], in: dir)
        #expect(result.code == 2)
        #expect(result.out.contains("big.txt: error: 2.1 MiB, over the 1 MiB limit (--max-file-size): not read"), "\(result.out)")
        #expect(result.out.contains("good.txt:5:1:"))
        #expect(try Support.run(["lint", "--max-file-size", "0", "good.txt"], in: dir).code == 2)
    }

    @Test func unreadableFileIsAnInputError() throws {
        let result = try Support.run(["lint", "/nonexistent/story.md"])
        #expect(result.code == 2)
        #expect(result.out.contains("/nonexistent/story.md: error: no such file"))
    }

    @Test func stdinWithStdinFilename() throws {
        let md = "---\ntitle: Road Plan\n---\n\n# Road Plan\n\n\"Nobody here expected the line to stretch around the block that night.\"\n"
        let result = try Support.run(["lint", "-", "--stdin-filename", "story.md", "--format", "json"], stdin: Data(md.utf8))
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "story.md")
        #expect(file["format"] as? String == "markdown")
        #expect(((file["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int) == 7)
    }

    @Test func parallelRunsGiveTheSameOutputInTheSameOrder() throws {
        guard let real = Support.corpus("real") else { return }
        let one = try Support.run(["lint", real.path, "--format", "json", "--jobs", "1"])
        let four = try Support.run(["lint", real.path, "--format", "json", "--jobs", "4"])
        #expect(one.code == four.code)
        #expect(one.out == four.out)
        #expect(one.out.count > 1000)
    }

    @Test func publishedOverridesTheArticleDate() throws {
        let dir = try write(["n.txt": Data("Road Plan\n\nThe council met on Tuesday to discuss the road plan.\n\n© 2019 Harbor Gazette\n".utf8)])
        #expect(try Support.run(["lint", "n.txt"], in: dir).code == 0)
        let result = try Support.run(["lint", "n.txt", "--published", "2021-05-01"], in: dir)
        #expect(result.code == 1)
        #expect(result.out.contains("does not cover the publication year 2021"))
    }

    @Test func usageAndConfigErrorsExitTwoNamingFileLineColumn() throws {
        #expect(try Support.run(["lint", "--format", "nope"]).code == 2)
        #expect(try Support.run(["lint", "--fail-on", "fatal"]).code == 2)
        let dir = try write(["copydesk.yml": Data("version: 1\nrules:\n  quote-unattributed:\n    severity: loud\n".utf8),
                             "a.txt": Data(Self.cleanStory.utf8)])
        let result = try Support.run(["lint", "a.txt"], in: dir)
        #expect(result.code == 2)
        #expect(result.err.contains("copydesk.yml:4:15"), "\(result.err)")
        #expect(result.out.isEmpty, "nothing is linted half-configured")
    }

    /// `disable-line` and `disable-next-line` with a reason after `--`; a suppression that silences
    /// nothing is reported, and a comment that is no directive is left alone.
    @Test func suppressionsTakeReasonsAndUnusedOnesAreReported() throws {
        let dir = try write(["s.md": Data("""
            The mayor sent an e-mail. <!-- copydesk-disable-line newsroom-email -- the memo's spelling -->

            <!-- copydesk-disable-next-line newsroom-email -- quoted -->
            The clerk sent an e-mail.

            Nothing to silence here. <!-- copydesk-disable-next-line newsroom-email -->

            The desk read it. <!-- a note to the desk -->

            """.utf8)])
        let result = try Support.run(["lint", "s.md", "--format", "json"], in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        let found = ((json?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]] ?? [])
            .map { "\($0["rule"]!)@\($0["line"]!)" }
        #expect(!found.contains { $0.hasPrefix("newsroom-email") }, "\(found)")
        // an inline comment holding `--` is a comment (CommonMark 0.31, HTML), not text with a "!"
        #expect(!found.contains("newsroom-exclamation@1"), "\(found)")
        #expect(found.contains("suppression-unused@6"), "\(found)")
        #expect(!found.contains { $0.hasPrefix("suppression-unknown-rule") }, "reasons and plain comments name no rules: \(found)")
    }

    /// Standard input without a name is sniffed; `parse -` reads it; typos get "did you mean".
    @Test func stdinIsSniffedAndTyposGetSuggestions() throws {
        let html = Data("<!doctype html><html><body><p>The mayor sent an e-mail.</p></body></html>".utf8)
        let lint = try Support.run(["lint", "-", "--format", "json"], stdin: html)
        let json = try JSONSerialization.jsonObject(with: Data(lint.out.utf8)) as? [String: Any]
        #expect((json?["files"] as? [[String: Any]])?.first?["format"] as? String == "html")
        let parse = try Support.run(["parse", "-", "--format", "tree"], stdin: Data("---\ntitle: Road\n---\n\n# Road\n".utf8))
        #expect(parse.code == 0 && parse.out.hasPrefix("<stdin> (markdown)"), "\(parse.out) \(parse.err)")

        let command = try Support.run(["explian", "quote"])
        #expect(command.code == 2 && command.err.contains("did you mean 'explain'"), "\(command.err)")
        let rule = try Support.run(["explain", "quote"])
        #expect(rule.code == 2 && rule.err.contains("did you mean 'quote-unattributed'"), "\(rule.err)")
        let date = try Support.run(["lint", "-", "--published", "2025-13-45"], stdin: html)
        #expect(date.code == 2 && date.err.contains("2025-13-45"), "\(date.err)")
        #expect(try Support.run(["lint", "-", "--published", "2023-02-29"], stdin: html).code == 2)
        #expect(try Support.run(["lint", "-", "--published", "2024-02-29"], stdin: html).code == 0)
    }

    /// Configuration errors name the file that is wrong, with line, column and the reason.
    @Test func configErrorsNameTheirFileLineAndReason() throws {
        let cases: [(String, String)] = [
            ("rulez:\n  credit-missing:\n    enabled: true\n", "copydesk.yml:1:1: unknown key 'rulez' in the configuration; did you mean 'rules'?"),
            ("rules:\n  credit-mising:\n    enabled: true\n", "copydesk.yml:2:3: unknown rule 'credit-mising'; did you mean 'credit-missing'?"),
            ("rules:\n  credit-missing:\n    params:\n      min_confidenc: 0.5\n", "copydesk.yml:4:22: rule 'credit-missing': unknown parameter 'min_confidenc'; did you mean 'min_confidence'?"),
            ("rules:\n  credit-missing:\n    enabled: true\n  credit-missing:\n    enabled: false\n", "copydesk.yml:2:3: duplicate key 'credit-missing'"),
            ("packs: [./mine]\n", "mine/my-rule.yml:5:8: rule 'my-rule': parameter 'raw': invalid regular expression '(unclosed': expected ')'"),
        ]
        for (config, expected) in cases {
            let dir = try write(["copydesk.yml": Data(config.utf8), "a.txt": Data(Self.cleanStory.utf8),
                                 "mine/my-rule.yml": Data("id: my-rule\nkind: existence\nmessage: no\nparams:\n  raw: \"(unclosed\"\nexamples:\n  triggering: [x]\n  passing: [y]\n".utf8)])
            defer { try? FileManager.default.removeItem(at: dir) }
            let result = try Support.run(["lint", "a.txt"], in: dir)
            #expect(result.code == 2 && result.err.contains(expected), "\(result.err)")
        }
    }

    /// `exclude:` leaves out named files with `--force-exclude` (the commit hook's default) and under
    /// `--staged`; `--staged` outside a repository says so.
    @Test func excludeAppliesToNamedFilesWhenForced() throws {
        let dir = try write([".copydesk.yml": Data("exclude: [\"archive/**\"]\n".utf8),
                             "archive/old.txt": Data(Self.quoteStory.utf8), "new.txt": Data(Self.cleanStory.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let named = try Support.run(["lint", "archive/old.txt", "new.txt", "--format", "json"], in: dir)
        let forced = try Support.run(["lint", "archive/old.txt", "new.txt", "--format", "json", "--force-exclude"], in: dir)
        func paths(_ out: String) -> [String] {
            ((try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["files"] as? [[String: Any]] ?? [])
                .compactMap { $0["path"] as? String }
        }
        #expect(paths(named.out) == ["archive/old.txt", "new.txt"])
        #expect(paths(forced.out) == ["new.txt"])
        let outside = try Support.run(["lint", "--staged"], in: dir)
        #expect(outside.code == 2 && outside.err.contains("not inside a git repository"), "\(outside.err)")
        try Support.shell("git init -q && git add -A", in: dir)
        let staged = try Support.run(["lint", "--staged", "--format", "json"], in: dir)
        #expect(paths(staged.out) == ["new.txt"], "\(staged.out)")
    }

    /// `--input jsonl` streams articles through: every real page, one JSON line each with an id, comes
    /// back once with the findings `--format json` gives for the file; a malformed line gets an error
    /// line of its own and the rest go on.
    @Test func jsonLinesStreamGivesEveryArticleItsFindings() throws {
        guard let real = Support.corpus("real") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: real.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") || $0.hasSuffix(".html") }.sorted()
        var input = ""
        for (i, name) in names.enumerated() {
            let text = try String(contentsOf: real.appendingPathComponent(name), encoding: .utf8)
            let line = try JSONSerialization.data(withJSONObject: ["id": i, "path": name, "text": text])
            input += String(decoding: line, as: UTF8.self) + "\n"
            if i == 3 { input += "{\"id\": \"broken\", \"text\": 42}\n" }
        }
        let stream = try Support.run(["lint", "--input", "jsonl", "--jobs", "2"], stdin: Data(input.utf8), in: real)
        #expect(stream.code == 2, "a malformed line makes the run an input error")
        let lines = stream.out.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.allSatisfy { $0 != nil }, "every output line is a JSON object")
        let byID = Dictionary(lines.compactMap { $0 }.compactMap { o in (o["id"] as? Int).map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        #expect(byID.count == names.count && lines.count == names.count + 1)
        #expect(lines.contains { $0?["id"] as? String == "broken" && $0?["error"] != nil })

        let batch = try Support.run(["lint", "--format", "json"] + names, in: real)
        let files = (try JSONSerialization.jsonObject(with: Data(batch.out.utf8)) as? [String: Any])?["files"] as? [[String: Any]] ?? []
        func found(_ file: [String: Any]?) -> [String] {
            (file?["diagnostics"] as? [[String: Any]] ?? []).map { "\($0["rule"]!) \($0["line"]!):\($0["column"]!)" }
        }
        for (i, name) in names.enumerated() {
            let expected = files.first { $0["path"] as? String == name }
            #expect(found(byID[i]) == found(expected), "\(name)")
            #expect(byID[i]?["path"] as? String == name && byID[i]?["format"] as? String == expected?["format"] as? String)
        }
    }

    @Test func parsePrintsTheArticleAsJSON() throws {
        let dir = try write(["s.md": Data("---\ntitle: Road Plan\ndate: 2020-02-03\n---\n\n# Road Plan\n\n![Sandbags](s.jpg \"Ann Lee/Valley Photo\")\n\n*Volunteers stack sandbags.*\n".utf8)])
        let result = try Support.run(["parse", "s.md"], in: dir)
        #expect(result.code == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["title"] as? String == "Road Plan")
        #expect((json["published"] as? [String: Any])?["date"] as? String == "2020-02-03")
        let figure = try #require((json["figures"] as? [[String: Any]])?.first)
        #expect(figure["credit"] as? String == "Ann Lee/Valley Photo")
        #expect(figure["caption"] as? String == "Volunteers stack sandbags.")
    }

    @Test func rulesAndExplain() throws {
        let rules = try Support.run(["rules"])
        #expect(rules.code == 0)
        for id in ["copyright-year-mismatch", "caption-duplicated", "credit-missing", "quote-unattributed"] {
            #expect(rules.out.contains(id))
        }
        let explain = try Support.run(["explain", "quote-unattributed"])
        #expect(explain.out.contains("Triggering examples:"))
        #expect(try Support.run(["explain", "no-such-rule"]).code == 2)
    }
}
