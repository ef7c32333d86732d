import Foundation
import Testing

/// The slow end-to-end tests, each driving a real framework on the one release build: the
/// pre-commit framework and Apache Spark in local mode. They run in CI and
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
}
