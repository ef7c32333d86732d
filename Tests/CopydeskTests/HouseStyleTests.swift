import Copydesk
import Foundation
import Testing

/// User packs, suppressions, fixes, plugins and the Swift API for new check kinds.
@Suite struct HouseStyleTests {
    func folder(_ files: [String: String]) throws -> URL {
        let dir = try Support.temporaryFolder()
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if name.hasSuffix(".sh") {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
        return dir
    }

    static let story = "Road Plan\n\nThe council voted to close the the road, and turnout was 12 per cent.\n\n\"Nobody here expected the line to stretch around the block that night.\"\n"

    // MARK: - packs and rules

    @Test func userPackOverridesAShippedRuleAndRulesListsIt() throws {
        let dir = try folder([
            ".copydesk.yml": "version: 1\npacks: [./house]\nrules:\n  house-no-utilize: {severity: error}\n",
            "house/quote-unattributed.yml": "id: quote-unattributed\nkind: quote-attribution\nseverity: suggestion\nmessage: \"House: {{quote}}\"\n",
            "house/house-no-utilize.yml": "id: house-no-utilize\nkind: substitution\nseverity: warning\nmessage: \"Say '{{replacement}}'\"\nparams:\n  swap: {utilize: use}\n",
            "a.txt": Self.story + "\nWe utilize the road.\n",
        ])
        let rules = try Support.run(["rules"], in: dir)
        let line = try #require(rules.out.split(separator: "\n").first { $0.hasPrefix("quote-unattributed") })
        #expect(line.contains("./house") && line.contains("suggestion"))
        #expect(rules.out.contains("house-no-utilize") && rules.out.contains("FIXABLE"))
        let result = try Support.run(["lint", "a.txt"], in: dir)
        #expect(result.out.contains("suggestion: House: Nobody here expected"))
        #expect(result.out.contains("error: Say 'use' [house-no-utilize]"))
        #expect(result.code == 1)
    }

    @Test func badRuleFilesAreErrorsWithFileLineAndColumn() throws {
        let cases: [(String, String)] = [
            ("id: r\nkind: no-such-kind\n", "unknown kind 'no-such-kind'"),
            ("id: r\nkind: existence\nparams:\n  raw: ['(unclosed']\n", "r.yml:4:8"),
            ("id: r\nkind: existence\nparams:\n  tokens: [x]\n  colour: red\n", "unknown parameter 'colour'"),
            ("id: r\nkind: existence\nseverity: loud\n", "r.yml:3:11"),
            ("id: r\nkind: existence\nbogus: 1\n", "r.yml:3:1: unknown key 'bogus'"),
        ]
        for (rule, expected) in cases {
            let dir = try folder([".copydesk.yml": "version: 1\npacks: [./p]\n", "p/r.yml": rule, "a.txt": Self.story])
            let result = try Support.run(["lint", "a.txt"], in: dir)
            #expect(result.code == 2)
            #expect(result.err.contains(expected), "\(result.err)")
            #expect(result.out.isEmpty)
        }
    }

    @Test func initWritesAStarterConfigThatLoads() throws {
        let dir = try folder(["a.txt": Self.story])
        #expect(try Support.run(["init"], in: dir).code == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".copydesk.yml").path))
        #expect(try Support.run(["init"], in: dir).code == 2, "never overwrites without --force")
        let lint = try Support.run(["lint", "a.txt"], in: dir)
        #expect(lint.code == 1 && lint.out.contains("quote-unattributed"))
    }

    // MARK: - suppressions

    @Test func suppressionsSilenceNamedRulesAndFlagUnknownOnes() throws {
        let md = """
            ---
            title: Road
            copydesk: {disable: [newsroom-percent]}
            ---

            # Road

            <!-- copydesk-disable-next-line quote-unattributed -->
            "Nobody here expected the line to stretch around the block that night."

            The council voted to close the the road. Turnout was 12 per cent.

            <!-- copydesk-disable newsroom-repeated-word no-such-rule -->
            We will close the the road.
            <!-- copydesk-enable newsroom-repeated-word -->

            "Every single person on that list deserves an answer from the council."
            """
        let report = Support.lint(md, format: "markdown")
        let rules = report.diagnostics.map { "\($0.rule)@\($0.range.start.line)" }
        #expect(rules.contains("newsroom-repeated-word@11"))
        #expect(!rules.contains("newsroom-repeated-word@14"))
        #expect(!rules.contains { $0.hasPrefix("newsroom-percent") })
        #expect(rules.contains("quote-unattributed@17"))
        #expect(!rules.contains("quote-unattributed@9"))
        #expect(rules.contains("suppression-unknown-rule@13"))
    }

    // MARK: - fixes

    @Test func overlappingFixesNeverCorruptText() {
        let text = "abcdef\nghij\n"
        func at(_ l: Int, _ c: Int) -> CopydeskCore.SourceLocation { CopydeskCore.SourceLocation(line: l, column: c) }
        let edits = [TextEdit(range: SourceRange(start: at(1, 2), end: at(1, 5)), replacement: "X"),
                     TextEdit(range: SourceRange(start: at(1, 4), end: at(1, 6)), replacement: "Y"),
                     TextEdit(range: SourceRange(start: at(2, 1), end: at(3, 1)), replacement: "")]
        let result = FixApplier.apply(edits, to: text)
        #expect(result.text == "aXef\n")
        #expect(result.applied.count == 2)
        let diff = FixApplier.unifiedDiff(old: text, new: result.text, path: "t.txt")
        #expect(diff == "--- a/t.txt\n+++ b/t.txt\n@@ -1,2 +1,1 @@\n-abcdef\n-ghij\n+aXef\n")
    }

    @Test func fixIsAtomicIdempotentAndLeavesCleanFilesAloneOverTheCorpus() throws {
        guard let real = Support.corpus("real") else { return }
        let dir = try Support.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: real.path) where !name.hasSuffix(".tsv") && name != "README.md" {
            try FileManager.default.copyItem(at: real.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            // the shared corpus is read-only, which --fix respects: the copies are the user's own
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.appendingPathComponent(name).path)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        func snapshot() throws -> [String: (Date, Data)] {
            var out: [String: (Date, Data)] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                let path = dir.appendingPathComponent(name).path
                let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
                out[name] = (date, try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            return out
        }
        let before = try snapshot()
        Thread.sleep(forTimeInterval: 1.1)   // so a rewrite shows in the modification time
        let dry = try Support.run(["lint", ".", "--fix-dry-run"], in: dir)
        #expect(dry.out.contains("--- a/") && dry.out.contains("+++ b/"))
        let afterDry = try snapshot()
        #expect(afterDry.allSatisfy { before[$0.key]!.0 == $0.value.0 && before[$0.key]!.1 == $0.value.1 }, "dry run writes nothing")

        _ = try Support.run(["lint", ".", "--fix", "--format", "json"], in: dir)
        let afterFix = try snapshot()
        let changed = afterFix.filter { before[$0.key]!.1 != $0.value.1 }.map(\.key)
        let touched = afterFix.filter { before[$0.key]!.0 != $0.value.0 }.map(\.key)
        #expect(!changed.isEmpty, "the corpus has fixable findings")
        #expect(Set(touched) == Set(changed), "only files that changed were written")
        #expect(!afterFix.keys.contains { $0.contains(".copydesk-") }, "no temporary files left")
        let diffLines = dry.out.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.count
        #expect(diffLines == changed.count, "the dry run showed exactly the files --fix changed")

        Thread.sleep(forTimeInterval: 1.1)
        let second = try Support.run(["lint", ".", "--fix-dry-run"], in: dir)
        #expect(second.out.isEmpty, "a second run has nothing to fix: \(second.out.prefix(500))")
        _ = try Support.run(["lint", ".", "--fix"], in: dir)
        let afterSecond = try snapshot()
        #expect(afterSecond.allSatisfy { afterFix[$0.key]!.0 == $0.value.0 }, "a second --fix touches no file")
    }

    // MARK: - plugins

    func pluginFolder(_ script: String, timeout: Double = 10) throws -> URL {
        try folder([
            ".copydesk.yml": "version: 1\npacks: [./plugins]\n",
            "plugins/p.yml": "id: my-plugin\nkind: external\nseverity: warning\nmessage: \"{{message}}\"\nparams:\n  command: ./p.sh\n  timeout: \(timeout)\n",
            "plugins/p.sh": "#!/bin/sh\n" + script,
            "a.txt": Self.story,
        ])
    }

    @Test func examplePluginRunsFromItsPackAndItsOwnTestsPass() throws {
        let plugins = Support.root.appendingPathComponent("Examples/plugins")
        let unit = try GitIntegrationTests.sh("python3 -m unittest -q 2>&1", in: plugins)
        #expect(unit.code == 0, "\(unit.out)")
        let dir = try folder(["long.txt": "Road Plan\n\nThe council voted on Tuesday night after a long and at times heated meeting to close the harbor road for the entire winter while engineers rebuild the crumbling sea wall beneath it, a project the city has put off for years and years.\n"])
        let result = try Support.run(["lint", "long.txt", "--config", plugins.appendingPathComponent("copydesk.yml").path,
                                      "--format", "json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let d = try #require(((json["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])?.first { $0["rule"] as? String == "long-sentence" })
        #expect(d["line"] as? Int == 3 && d["column"] as? Int == 1)
        #expect((d["message"] as? String)?.hasPrefix("Sentence of 43 words") == true)
    }

    @Test(arguments: [
        ("echo 'boom' >&2; exit 3", "exited with status 3: boom"),
        ("cat > /dev/null; echo 'hello, not JSON'", "not a protocol response"),
        ("cat > /dev/null; echo '{\"diagnostics\": [{\"line\": 1}]}'", "no \"message\""),
        ("sleep 30", "did not finish within 1.0 seconds"),
    ])
    func brokenPluginsGiveOneClearErrorAndOtherRulesStillRun(_ script: String, _ expected: String) throws {
        let dir = try pluginFolder(script, timeout: 1)
        let started = Date()
        let result = try Support.run(["lint", "a.txt", "--format", "json"], in: dir)
        #expect(Date().timeIntervalSince(started) < 10, "a hung plugin is stopped")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let diagnostics = try #require((json["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])
        let plugin = diagnostics.filter { $0["rule"] as? String == "my-plugin" }
        #expect(plugin.count == 1)
        #expect(plugin.first?["severity"] as? String == "error")
        #expect((plugin.first?["message"] as? String)?.contains(expected) == true, "\(plugin)")
        #expect(diagnostics.contains { $0["rule"] as? String == "quote-unattributed" }, "the other rules still ran")
        #expect(result.code == 1)
    }

    @Test func workingShellPluginPlacesFindingsByBlockOffsets() throws {
        let script = """
            cat > /dev/null
            echo '{"protocol": 1, "diagnostics": [{"message": "found it", "block": 1, "start": 4, "end": 11, "excerpt": "council"}]}'
            """
        let result = try Support.run(["lint", "a.txt"], in: try pluginFolder(script))
        #expect(result.out.contains("a.txt:3:5: warning: found it [my-plugin]"))
    }

    // MARK: - Swift API

    /// A check kind an embedding program adds: flags words in capitals.
    struct ShoutingCheck: CheckKind {
        static let name = "shouting"
        static let summary = "No words in capitals."
        static let fixable = false
        init(params: RuleParams) throws { try params.allowOnly([]) }
        func check(_ context: CheckContext) -> [Finding] {
            context.blocks.flatMap { i -> [Finding] in
                let block = context.article.blocks[i]
                var out: [Finding] = [], start = 0
                for (n, word) in block.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                    defer { start += word.unicodeScalars.count + 1 }
                    _ = n
                    if word.count > 3, word == word.uppercased(), word.contains(where: \.isLetter) {
                        out.append(Finding(range: block.map.range(start..<start + word.unicodeScalars.count), excerpt: String(word)))
                    }
                }
                return out
            }
        }
    }

    @Test func anEmbeddingProgramRegistersItsOwnCheckKind() throws {
        let dir = try folder([".copydesk.yml": "version: 1\npacks: [./p]\n",
                              "p/no-shouting.yml": "id: no-shouting\nkind: shouting\nseverity: warning\nmessage: \"Shouting: {{match}}\"\n"])
        let configuration = try Configuration.load(explicit: nil, searchFrom: dir.path)
        #expect(throws: ConfigError.self) { try Linter(configuration: configuration) }
        var registry = CheckKindRegistry.builtins
        registry.register(ShoutingCheck.self)
        let linter = try Linter(configuration: configuration, registry: registry)
        let report = linter.lint(text: "Road\n\nThe council voted to CLOSE the road.\n", path: "a.txt")
        let d = try #require(report.diagnostics.first { $0.rule == "no-shouting" })
        #expect(d.message == "Shouting: CLOSE")
        #expect(d.range.start == CopydeskCore.SourceLocation(line: 3, column: 22))
    }
}
