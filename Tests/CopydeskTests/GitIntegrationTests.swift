import Copydesk
import Foundation
import Testing

/// Baselines, staged-only linting and changed files (the pre-commit framework: EndToEndTests).
@Suite(.serialized) struct GitIntegrationTests {
    static let bad = "Road Plan\n\nThe council met on Tuesday to discuss the road.\n\n\"Nobody here expected the line to stretch around the block that night.\"\n\nThe vote is set for May.\n"
    static let clean = "Road Plan\n\nThe council met on Tuesday to discuss the road.\n\n\"We will vote on the plan in May,\" Mayor Ruth Diaz said.\n"

    static let gitIdentity = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                              "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid"]

    /// Runs a shell command in a folder with a git identity; returns exit code and combined output.
    @discardableResult
    static func sh(_ command: String, in dir: URL, env: [String: String] = [:]) throws -> (code: Int32, out: String) {
        try Support.shell(command, in: dir, env: gitIdentity.merging(env) { $1 })
    }

    static func repo() throws -> URL {
        let dir = try Support.temporaryFolder()
        try sh("git init -q -b main . && git config commit.gpgsign false", in: dir)
        return dir
    }

    @Test func baselineKeepsKnownFindingsThroughEditsAndReportsOnlyNewOnes() throws {
        let dir = try Support.temporaryFolder()
        let story = dir.appendingPathComponent("story.txt")
        try Data(Self.bad.utf8).write(to: story)
        let first = try Support.run(["lint", "story.txt", "--write-baseline", "baseline.json"], in: dir)
        #expect(first.code == 1)
        #expect(try Support.run(["lint", "story.txt", "--baseline", "baseline.json"], in: dir).code == 0)

        // lines added above and the quote re-spaced: still known
        let moved = "Road Plan\n\nAn editor's note.\n\nAnother paragraph was added up here.\n\n" + Self.bad.dropFirst(11)
            .replacingOccurrences(of: "line to stretch", with: "line  to\u{20}stretch")
        try Data(moved.utf8).write(to: story)
        #expect(try Support.run(["lint", "story.txt", "--baseline", "baseline.json"], in: dir).code == 0)

        // a new finding is reported, the old one is not
        try Data((moved + "\n\"Every single person on that list deserves an answer from the board.\"\n").utf8).write(to: story)
        let fresh = try Support.run(["lint", "story.txt", "--baseline", "baseline.json", "--format", "json"], in: dir)
        #expect(fresh.code == 1)
        #expect(fresh.out.contains("Every single person") && !fresh.out.contains("Nobody here expected"))

        // a fixed finding drops out of a rewritten baseline
        try Data(Self.clean.utf8).write(to: story)
        try Support.run(["lint", "story.txt", "--write-baseline", "baseline.json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("baseline.json"))) as? [String: Any])
        #expect((json["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func badBaselineFileIsAnError() throws {
        let dir = try Support.temporaryFolder()
        try Data(Self.clean.utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data("not json".utf8).write(to: dir.appendingPathComponent("b.json"))
        let result = try Support.run(["lint", "a.txt", "--baseline", "b.json"], in: dir)
        #expect(result.code == 2)
        #expect(result.err.contains("b.json"))
    }

    @Test func stagedLintsTheIndexContentWithItsPositions() throws {
        let dir = try Self.repo()
        try Data(Self.bad.utf8).write(to: dir.appendingPathComponent("story.txt"))
        try Data("not an article".utf8).write(to: dir.appendingPathComponent("notes.csv"))
        try Self.sh("git add story.txt notes.csv", in: dir)
        // the working copy differs from the index: two lines added above, and the quote fixed
        try Data(("Extra\n\nLines\n\n" + Self.clean).utf8).write(to: dir.appendingPathComponent("story.txt"))
        let result = try Support.run(["lint", "--staged", "--format", "json"], in: dir)
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["story.txt"], "only article files, by their staged path")
        let d = try #require((files.first?["diagnostics"] as? [[String: Any]])?.first)
        #expect(d["rule"] as? String == "quote-unattributed")
        #expect(d["line"] as? Int == 5, "the line in the staged content, not the working copy")
        #expect(try Support.run(["lint", "--staged"], in: try Self.repo()).code == 0, "nothing staged, nothing to lint")
    }

    @Test func changedSinceLintsFilesChangedSinceARevision() throws {
        let dir = try Self.repo()
        try Data(Self.bad.utf8).write(to: dir.appendingPathComponent("old.txt"))
        try Self.sh("git add . && git commit -qm one", in: dir)
        try Data(Self.bad.utf8).write(to: dir.appendingPathComponent("new.txt"))
        try Data((Self.clean + "\n").utf8).write(to: dir.appendingPathComponent("old.txt"))
        try Self.sh("git add new.txt", in: dir)
        let result = try Support.run(["lint", "--changed-since", "HEAD", "--format", "json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let paths = (json["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }.sorted()
        #expect(paths == ["new.txt", "old.txt"])
        #expect(result.code == 1)
        let bad = try Support.run(["lint", "--changed-since", "no-such-rev"], in: dir)
        #expect(bad.code == 2)
        #expect(bad.err.contains("git diff"))
    }
}
