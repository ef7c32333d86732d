import CopydeskCore
import Foundation

/// The article files git knows of: staged ones (with their staged content) or those changed since a revision.
public enum GitFiles {
    /// A file to lint: its path and, for staged files, the content in the index.
    public struct Item: Sendable {
        public var path: String
        public var stagedText: Result<String, InputError>?
    }

    /// Runs git and returns its standard output, or throws its error message.
    static func git(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw InputError("cannot run git: \(error.localizedDescription)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError("git \(arguments.first ?? ""): \(message.trimmingWhitespace())")
        }
        return data
    }

    /// Throws a clear error when the current folder is not inside a git work tree (git itself
    /// would print `git diff --no-index` usage).
    static func requireRepository() throws {
        do {
            _ = try git(["rev-parse", "--is-inside-work-tree"])
        } catch {
            throw InputError("--staged and --changed-since read git's index: \(FileManager.default.currentDirectoryPath) is not inside a git repository")
        }
    }

    static func paths(_ data: Data) -> [String] {
        data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// Staged (added, copied, modified, renamed) files with the given extensions, and their staged content.
    public static func staged(extensions: Set<String>) throws -> [Item] {
        try requireRepository()
        let names = paths(try git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", "--relative"]))
        return names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.map { path in
            let text = Result { try git(["show", ":./\(path)"]) }
                .mapError { ($0 as? InputError) ?? InputError("\($0)") }
                .flatMap(SourceReader.decode)
            return Item(path: path, stagedText: text)
        }
    }

    /// Files with the given extensions changed between `revision` and the working tree, that still exist.
    public static func changed(since revision: String, extensions: Set<String>) throws -> [String] {
        try requireRepository()
        let names = paths(try git(["diff", "--name-only", "--diff-filter=ACMR", "-z", "--relative", revision]))
        return names.filter {
            extensions.contains(($0 as NSString).pathExtension.lowercased()) && FileManager.default.fileExists(atPath: $0)
        }
    }
}
