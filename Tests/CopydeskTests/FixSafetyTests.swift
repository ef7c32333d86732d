import Copydesk
import Foundation
import Testing

/// `--fix` saves like a careful editor: atomically, only what is unchanged since it was read,
/// keeping mode, byte-order mark and symbolic links, and refusing what it must not rewrite.
@Suite struct FixSafetyTests {
    static let story = "The mayor sent an e-mail on Monday.\n"
    static let fixed = "The mayor sent an email on Monday.\n"

    func folder(_ files: [String: Data]) throws -> URL {
        let dir = try Support.temporaryFolder()
        for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    func read(_ dir: URL, _ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }

    func mode(_ dir: URL, _ name: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.posixPermissions] as! Int
    }

    @Test func keepsTheByteOrderMarkTheModeAndTheLink() throws {
        let bom = Data([0xEF, 0xBB, 0xBF])
        let dir = try folder(["bom.txt": bom + Data(Self.story.utf8), "target.txt": Data(Self.story.utf8),
                              ".target.txt.copydesk-LEFTOVER": Data("half-written".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.appendingPathComponent("bom.txt").path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path, withDestinationPath: "target.txt")
        let run = try Support.run(["lint", "--fix", "bom.txt", "link.txt"], in: dir)
        #expect(run.code == 0, "\(run.err)")
        #expect(try read(dir, "bom.txt") == bom + Data(Self.fixed.utf8))
        #expect(try mode(dir, "bom.txt") == 0o640)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path)
        #expect(link == "target.txt", "the link is still a link")
        #expect(try read(dir, "target.txt") == Data(Self.fixed.utf8))
        #expect(run.err.contains("fixed 2 findings in 2 files"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".copydesk-") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func refusesReadOnlyAndHardLinkedFilesUnlessAsked() throws {
        let dir = try folder(["ro.txt": Data(Self.story.utf8), "hard.txt": Data(Self.story.utf8)])
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.appendingPathComponent("ro.txt").path)
            try? FileManager.default.removeItem(at: dir)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.appendingPathComponent("ro.txt").path)
        try FileManager.default.linkItem(at: dir.appendingPathComponent("hard.txt"), to: dir.appendingPathComponent("hard2.txt"))
        let run = try Support.run(["lint", "--fix", "ro.txt", "hard.txt"], in: dir)
        #expect(run.err.contains("warning: ro.txt is read-only; not fixed"))
        #expect(run.err.contains("warning: hard.txt has 2 hard links"))
        #expect(try read(dir, "ro.txt") == Data(Self.story.utf8))
        #expect(try read(dir, "hard2.txt") == Data(Self.story.utf8))
        #expect(run.out.contains("ro.txt:1:19"), "what was not fixed is still reported")
        let forced = try Support.run(["lint", "--fix", "--fix-read-only", "ro.txt"], in: dir)
        #expect(forced.code == 0)
        #expect(try read(dir, "ro.txt") == Data(Self.fixed.utf8))
        #expect(try mode(dir, "ro.txt") == 0o444)
    }

    /// A line appended after the file was read is not lost: the write is refused.
    @Test func aFileChangedSinceItWasReadIsLeftAsItIs() throws {
        let dir = try folder(["story.txt": Data(Self.story.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("story.txt").path
        let snapshot = try SafeWriter.Snapshot.read(path).get()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("A line added meanwhile.\n".utf8))
        try handle.close()
        #expect(throws: SafeWriter.Refusal.self) { try SafeWriter.write(Self.fixed, over: snapshot, allowReadOnly: false) }
        #expect(try read(dir, "story.txt") == Data((Self.story + "A line added meanwhile.\n").utf8))
    }

    /// Killed with SIGKILL at any moment of a fix, no file is ever torn: each holds its original text
    /// or its fixed text, and the next run clears what the killed one left and finishes the job.
    @Test func aFixKilledAtAnyMomentTearsNoFile() throws {
        let original = "The mayor sent an e-mail on Monday.\n\n"
            + (0..<400).map { "Item \($0) of the council minutes was read aloud and approved.\n\n" }.joined()
        let fixed = original.replacingOccurrences(of: "e-mail", with: "email")
        let names = (0..<60).map { "story-\($0).txt" }
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        func reset() throws { for name in names { try Data(original.utf8).write(to: dir.appendingPathComponent(name)) } }
        func start() throws -> Process {
            let process = Process()
            process.executableURL = Support.binary
            process.arguments = ["lint", "--fix", "--jobs", "2", "--quiet"] + names
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // how long a whole run takes here, so that the kills land across it
        try reset()
        let began = Date()
        let whole = try start()
        whole.waitUntilExit()
        let duration = Date().timeIntervalSince(began)
        var killedMidway = 0
        for step in 1...9 {
            try reset()
            let process = try start()
            usleep(useconds_t(duration * Double(step) / 10 * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            var done = 0
            for name in names {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                #expect(text == original || text == fixed, "\(name) is torn after a kill at \(step)/10 of the run")
                if text == fixed { done += 1 }
            }
            if done > 0, done < names.count { killedMidway += 1 }
        }
        #expect(killedMidway > 0, "no kill landed while files were being written; the test proves nothing")
        // a temporary file such as a kill between write and rename leaves is cleared by the next run
        try Data("half".utf8).write(to: dir.appendingPathComponent(".story-0.txt.copydesk-KILLED"))
        let run = try Support.run(["lint", "--fix", "--quiet"] + names, in: dir)
        #expect(run.code == 0, "\(run.err)")
        for name in names { #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == fixed) }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".copydesk-") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }
}
