import CopydeskReporters
import Copydesk
import Foundation
import Testing

/// Every output format, rendered from real pages and checked by a real consumer or its schema.
@Suite(.serialized) struct ReportFormatTests {
    /// A folder with a sample of real pages in all three renditions, and a bad file.
    static let sample: URL? = {
        guard let real = Support.corpus("real") else { return nil }
        let dir = try! Support.temporaryFolder()
        let names = try! FileManager.default.contentsOfDirectory(atPath: real.path).filter { !$0.hasSuffix(".tsv") && !$0.hasSuffix("README.md") }
        for name in names.sorted().prefix(90) {
            try! FileManager.default.copyItem(at: real.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try! Data([0xC3, 0x28]).write(to: dir.appendingPathComponent("broken.txt"))
        return dir
    }()

    /// The JSON report of the sample: the reference every format is compared with.
    static let reference: (diagnostics: Int, files: Int, withFindings: Int)? = {
        guard let dir = sample, let result = try? Support.run(["lint", ".", "--format", "json"], in: dir),
              let json = try? JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any],
              let files = json["files"] as? [[String: Any]] else { return nil }
        return (files.reduce(0) { $0 + (($1["diagnostics"] as? [Any])?.count ?? 0) }, files.count,
                files.filter { !(($0["diagnostics"] as? [Any]) ?? []).isEmpty }.count)
    }()

    func render(_ format: String) throws -> (url: URL, text: String)? {
        guard let dir = Self.sample else { return nil }
        // outside the sample: a report.html or report.markdown there would be linted by the next run
        let out = try Support.temporaryFolder().appendingPathComponent("report.\(format)")
        let result = try Support.run(["lint", ".", "--format", "text", "--report", "\(format)=\(out.path)"], in: dir)
        #expect(result.code == 2, "the broken file makes the run exit 2")
        return (out, try String(contentsOf: out, encoding: .utf8))
    }

    /// Runs python3 with a script; returns its exit code and output.
    func python(_ script: String, _ args: [String]) throws -> (code: Int32, out: String) {
        let result = try Support.process("/usr/bin/env", ["python3", "-c", script] + args)
        return (result.code, result.out + result.err)
    }

    static let validateJSON = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
        jsonschema.validators.validator_for(schema)(schema).validate(doc)
        print("valid")
        """

    @Test func sarifValidatesAgainstTheSchema() throws {
        guard let (url, text) = try render("sarif"), let reference = Self.reference else { return }
        let result = try python(Self.validateJSON, [Support.shared.appendingPathComponent("schemas/sarif-schema-2.1.0.json").path, url.path])
        #expect(result.code == 0, "\(result.out)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == reference.diagnostics)
        #expect(results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["copydesk/v1"]?.count == 16 })
        #expect(results.contains { $0["relatedLocations"] != nil } && results.contains { $0["fixes"] != nil })
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.count == Support.linter.configuration.rules.count)
        let notifications = ((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [Any])
        #expect(notifications?.count == 1, "the broken file is a notification")
    }

    @Test func junitValidatesWithXmllint() throws {
        guard let (url, text) = try render("junit"), let reference = Self.reference else { return }
        let xmllint = try Support.process("/usr/bin/env", ["xmllint", "--noout", "--schema",
                                                          Support.shared.appendingPathComponent("schemas/junit.xsd").path, url.path])
        #expect(xmllint.code == 0, "\(xmllint.err)")
        #expect(text.components(separatedBy: "<failure ").count - 1 == reference.diagnostics)
        #expect(text.components(separatedBy: "<testsuite ").count - 1 == reference.files)
        #expect(text.contains("<error message=\"invalid UTF-8\" type=\"input\"/>"))
    }

    @Test func checkstyleParsesAsXMLWithOneErrorPerFinding() throws {
        guard let (url, _) = try render("checkstyle"), let reference = Self.reference else { return }
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == "checkstyle"
            errors = root.findall("./file/error")
            assert all(e.get("line") and e.get("severity") in ("error", "warning", "info") and e.get("source", "").startswith("copydesk.") for e in errors)
            print(len([e for e in errors if e.get("source") != "copydesk.input"]))
            """
        let result = try python(script, [url.path])
        #expect(result.code == 0, "\(result.out)")
        #expect(Int(result.out.trimmingCharacters(in: .whitespacesAndNewlines)) == reference.diagnostics)
    }

    @Test func githubAnnotationsFollowTheWorkflowCommandSyntax() throws {
        guard let (_, text) = try render("github"), let reference = Self.reference else { return }
        let lines = text.split(separator: "\n")
        #expect(lines.count == reference.diagnostics + 1)
        for line in lines {
            let parts = line.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0].isEmpty, "\(line)")
            let head = parts[1].split(separator: " ", maxSplits: 1)
            #expect(["error", "warning", "notice"].contains(String(head[0])))
            let properties = head[1].split(separator: ",").map { $0.split(separator: "=", maxSplits: 1) }
            #expect(properties.allSatisfy { $0.count == 2 && !$0[1].contains(":") }, "unescaped property in \(line)")
            #expect(properties.first?.first == "file")
            #expect(!parts[2].contains("\n") && !parts[2].contains("\r"))
        }
        #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func gitlabCodeQualityHasTheRequiredFieldsAndUniqueFingerprints() throws {
        guard let (_, text) = try render("gitlab"), let reference = Self.reference else { return }
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(issues.count == reference.diagnostics + 1)
        for issue in issues {
            #expect(issue["description"] is String && issue["check_name"] is String && issue["fingerprint"] is String)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = issue["location"] as? [String: Any]
            #expect(location?["path"] is String && (location?["lines"] as? [String: Any])?["begin"] is Int)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
    }

    @Test func rdjsonValidatesAgainstTheReviewdogSchema() throws {
        guard let (url, text) = try render("rdjson"), let reference = Self.reference else { return }
        let result = try python(Self.validateJSON, [Support.shared.appendingPathComponent("schemas/rdjson/DiagnosticResult.json").path, url.path])
        #expect(result.code == 0, "\(result.out)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == reference.diagnostics + 1)
        #expect(diagnostics.contains { $0["suggestions"] != nil })
    }

    @Test func markdownSummaryIsATableWithARowPerFinding() throws {
        guard let (_, text) = try render("markdown"), let reference = Self.reference else { return }
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == min(reference.diagnostics, 200) + 1)
        #expect(rows.allSatisfy { $0.split(separator: "|", omittingEmptySubsequences: false).count >= 7 })
        #expect(text.contains("| File | Line | Severity | Rule | Message |"))
    }

    @Test func htmlReportIsSelfContainedAndLinksEachFindingToItsPlace() throws {
        guard let (url, text) = try render("html"), let reference = Self.reference else { return }
        let script = """
            import sys
            from html.parser import HTMLParser
            class P(HTMLParser):
                def __init__(self):
                    super().__init__(); self.links = []; self.ids = []; self.findings = 0; self.external = 0; self.stack = []
                    self.reader = 0; self.marked = set()
                def handle_starttag(self, tag, attrs):
                    a = dict(attrs)
                    if "id" in a: self.ids.append(a["id"])
                    if tag == "li" and "finding" in (a.get("class") or ""): self.findings += 1
                    if tag == "a" and (a.get("href") or "").startswith("#"): self.links.append(a["href"][1:])
                    if tag == "mark" and "id" in a: self.marked.add(a["id"])
                    if tag == "div" and a.get("class") == "reader": self.reader += 1
                    if a.get("src") or (a.get("href") or "").startswith("http"): self.external += 1
                    if tag not in ("meta", "br", "input"): self.stack.append(tag)
                def handle_endtag(self, tag):
                    assert self.stack and self.stack.pop() == tag, tag
            p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
            assert not p.stack, p.stack
            assert len(p.ids) == len(set(p.ids)), "duplicate ids"
            finding_links = [l for l in p.links if "-" in l and "-l" not in l]
            assert len([l for l in p.links if "-l" in l]) >= len(p.marked), "each highlight's note links back to its entry"
            missing = [l for l in p.links if l not in p.ids]
            assert not missing, missing[:5]
            print(p.findings, len(finding_links), p.external, len(p.marked), p.reader)
            """
        let result = try python(script, [url.path])
        #expect(result.code == 0, "\(result.out)")
        let counts = result.out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 5)
        guard counts.count == 5 else { return }
        #expect(counts[0] == reference.diagnostics && counts[1] == reference.diagnostics, "a listed finding and a link for each")
        #expect(counts[2] == 0, "no external references")
        #expect(counts[3] * 10 >= reference.diagnostics * 9, "most findings highlighted in the article itself: \(counts[3]) of \(reference.diagnostics)")
        #expect(counts[4] == reference.withFindings, "each article with findings shown as a reader sees it")
        #expect(text.contains("Could not lint this file"))
    }

    @Test func rdjsonColumnsCountUTF8Bytes() throws {
        let dir = try Support.temporaryFolder()
        try Data("Road Plan\n\nThe council met on Tuesday.\n\n📰 \"Nobody here expected the line to stretch around the block that night.\"\n".utf8)
            .write(to: dir.appendingPathComponent("a.txt"))
        let result = try Support.run(["lint", "a.txt", "--format", "rdjson"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let start = (((json["diagnostics"] as? [[String: Any]])?.first?["location"] as? [String: Any])?["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["column"] as? Int == 6, "📰 is 4 bytes and a space: the quote starts at byte column 6")
    }
}
