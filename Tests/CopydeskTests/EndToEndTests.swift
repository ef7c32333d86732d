import Foundation
import Testing

/// The slow end-to-end tests, each driving a real framework on the one release build: the
/// pre-commit framework, Apache Spark in local mode, headless Chromium. They run in CI and
/// locally with `COPYDESK_SLOW=1 scripts/test` (scripts/setup --slow installs what they drive).
@Suite(.enabled(if: Support.slow, "slow end to end: runs in CI, or locally with COPYDESK_SLOW=1"))
struct EndToEndTests {
    /// The hook of `.pre-commit-hooks.yaml` (its entry, files pattern and serial setting), run by
    /// the real pre-commit framework with the built binary in place of the `copydesk` it would
    /// build itself: a bad article is refused, a clean one committed.
    @Test func preCommitRefusesABadArticleAndCommitsACleanOne() throws {
        let hooks = try String(contentsOf: Support.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        func value(_ key: String) throws -> String {
            let line = try #require(hooks.split(separator: "\n").first { $0.hasPrefix("  \(key): ") || $0.hasPrefix("- \(key): ") }, "no \(key) in the hooks file")
            return String(line.dropFirst(key.count + 4))
        }
        let entry = try value("entry")
        #expect(entry.hasPrefix("copydesk "))
        let config = """
            repos:
              - repo: local
                hooks:
                  - id: \(try value("id"))
                    name: copydesk
                    entry: \(Support.binary.path)\(entry.dropFirst("copydesk".count))
                    language: system
                    files: '\(try value("files"))'
                    require_serial: \(try value("require_serial"))

            """
        let dir = try GitIntegrationTests.repo()
        try Data(config.utf8).write(to: dir.appendingPathComponent(".pre-commit-config.yaml"))
        let env = ["PRE_COMMIT_HOME": Support.root.appendingPathComponent(".build/pre-commit-cache").path]
        let install = try GitIntegrationTests.sh("pre-commit install && git add .pre-commit-config.yaml && git commit -qm config",
                                                 in: dir, env: env)
        #expect(install.code == 0, "\(install.out)")

        try Data(GitIntegrationTests.bad.utf8).write(to: dir.appendingPathComponent("story.txt"))
        let refused = try GitIntegrationTests.sh("git add story.txt && git commit -m 'add story'", in: dir, env: env)
        #expect(refused.code != 0, "the commit must be refused")
        #expect(refused.out.contains("quote-unattributed"), "\(refused.out.suffix(2000))")
        #expect(refused.out.contains("story.txt:5:1"))

        try Data(GitIntegrationTests.clean.utf8).write(to: dir.appendingPathComponent("story.txt"))
        let accepted = try GitIntegrationTests.sh("git add story.txt && git commit -m 'add clean story'", in: dir, env: env)
        #expect(accepted.code == 0, "\(accepted.out.suffix(2000))")
        #expect(try GitIntegrationTests.sh("git log --oneline | wc -l", in: dir).out.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    /// Copydesk as a mapper: 3,000 real articles (all three renditions) as JSON lines through
    /// `rdd.pipe` in Spark's local mode; every one comes back with the command line's findings,
    /// and a malformed line gets its own error line (Tests/spark/pipe_job.py).
    @Test func sparkPipesAnArchiveThroughTheLinter() throws {
        guard let corpus = Support.corpus("real") else { return }
        let job = try Support.process("/usr/bin/env", ["python3", Support.root.appendingPathComponent("Tests/spark/pipe_job.py").path,
                                                       Support.binary.path, corpus.path, "3000"])
        #expect(job.code == 0, "\(job.out.suffix(2000))\(job.err.suffix(2000))")
        #expect(job.out.contains("3000 articles through rdd.pipe, 3001 result lines"), "\(job.out.suffix(500))")
        #expect(job.out.contains(" 0 differences from the command line"))
    }

    /// The HTML report of real pages loaded in headless Chromium: every finding's link lands on
    /// a highlight that is laid out and visible, and the severity filter hides what it should.
    /// A phone-sized screenshot is kept in .build/test-artifacts/html-report.png.
    @Test func htmlReportRendersInABrowser() throws {
        guard let real = Support.corpus("real") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: real.path)
            .filter { ["txt", "md", "html"].contains(($0 as NSString).pathExtension) }.sorted()
        let sample = stride(from: 0, to: names.count, by: 5).map { names[$0] }   // all three renditions
        let folder = try Support.temporaryFolder()
        let report = folder.appendingPathComponent("report.html")
        let json = try Support.run(["lint", "--format", "json", "--report", "html=\(report.path)"] + sample, in: real)
        let files = try #require((try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let findings = files.reduce(0) { $0 + (($1["diagnostics"] as? [Any])?.count ?? 0) }
        #expect(findings > 20)
        let check = """
            <script>
            const links = [...document.querySelectorAll('li.finding > a[href^="#"]')], bad = [];
            let visible = 0;
            for (const a of links) {
              const target = document.getElementById(a.getAttribute('href').slice(1));
              if (!target) { bad.push('missing ' + a.getAttribute('href')); continue; }
              const box = target.getBoundingClientRect(), style = getComputedStyle(target);
              const lit = target.tagName !== 'MARK' || style.backgroundColor !== 'rgba(0, 0, 0, 0)';
              if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && lit) visible++;
              else bad.push('not visible ' + a.getAttribute('href'));
            }
            const box = document.querySelector('#filters input[value="suggestion"]');
            box.checked = false; box.dispatchEvent(new Event('change', {bubbles: true}));
            const shownSuggestions = [...document.querySelectorAll('li.finding[data-severity="suggestion"]')]
              .filter(e => e.getBoundingClientRect().height > 0).length;
            const pre = document.createElement('pre'); pre.id = 'check';
            pre.textContent = JSON.stringify({links: links.length, visible, shownSuggestions, bad: bad.slice(0, 10)});
            document.body.appendChild(pre);
            </script>
            """
        let checked = folder.appendingPathComponent("checked.html")
        try Data(try String(contentsOf: report, encoding: .utf8).replacingOccurrences(of: "</body>", with: check + "</body>").utf8).write(to: checked)
        let chromium = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000"]
        let dom = try Support.process("/usr/bin/env", ["chromium"] + chromium + ["--dump-dom", checked.absoluteString])
        #expect(dom.code == 0, "\(dom.err.suffix(1000))")
        let text = try #require(dom.out.components(separatedBy: "<pre id=\"check\">").last?.components(separatedBy: "</pre>").first,
                                "no check result in the DOM")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.replacingOccurrences(of: "&amp;", with: "&").utf8)) as? [String: Any])
        #expect(result["links"] as? Int == findings)
        #expect(result["visible"] as? Int == findings, "\(result["bad"] ?? "")")
        #expect(result["shownSuggestions"] as? Int == 0)
        let artifacts = Support.root.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("html-report.png")
        try? FileManager.default.removeItem(at: shot)
        let screenshot = try Support.process("/usr/bin/env", ["chromium"] + chromium + ["--window-size=412,2400", "--screenshot=\(shot.path)", report.absoluteString])
        #expect(screenshot.code == 0 && FileManager.default.fileExists(atPath: shot.path), "\(screenshot.err.suffix(1000))")
    }
}
