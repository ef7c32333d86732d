import Copydesk
import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum Support {
    /// The package root (two folders above this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared` beside the checkout; CI always lays it there.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The shared corpus folder, or a recorded failure saying it is missing.
    static func corpus(_ sub: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> URL? {
        let url = shared.appendingPathComponent("corpus").appendingPathComponent(sub)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("the shared corpus is absent: expected \(url.path) (CI lays ../shared beside the checkout)",
                         sourceLocation: sourceLocation)
            return nil
        }
        return url
    }

    /// Whether the slow end-to-end tests run: in CI (`CI` set) or with `COPYDESK_SLOW=1`.
    static let slow = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
        || ProcessInfo.processInfo.environment["COPYDESK_SLOW"] == "1"

    /// The built `copydesk` executable, next to the test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("copydesk")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/copydesk")
    }()

    /// A linter with the embedded default configuration and a fixed current year.
    static let linter: Linter = try! Linter(configuration: Configuration.defaults(), currentYear: 2026)

    /// Runs the binary; returns exit code, standard output and standard error.
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> (code: Int32, out: String, err: String) {
        try process(binary.path, arguments, stdin: stdin, in: directory)
    }

    /// Runs a shell command; returns exit code and standard output and error together.
    @discardableResult
    static func shell(_ command: String, in directory: URL, env: [String: String] = [:]) throws -> (code: Int32, out: String) {
        let result = try process("/bin/bash", ["-c", command + " 2>&1"], in: directory, env: env)
        return (result.code, result.out)
    }

    /// Runs one of `Training/`'s measures, or another `folder`'s (`script` and its arguments), on the
    /// release binary and returns the figures it writes with `--json`.
    static func evaluation(_ script: String, _ arguments: [String] = [], folder: URL = root.appendingPathComponent("Training")) throws -> Any {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("evaluation-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try process("/usr/bin/env", ["python3", folder.appendingPathComponent(script).path]
            + arguments + ["--copydesk", binary.path, "--json", out.path])
        try #require(run.code == 0, "\(script) failed: \(run.err.suffix(800))")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: out))
    }

    /// Runs an executable with arguments, optional standard input, folder and extra environment.
    @discardableResult
    static func process(_ executable: String, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                        env: [String: String] = [:]) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !env.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 } }
        let out = Pipe(), input = Pipe()
        // standard error goes to a file, so that neither stream can fill up and block the child
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-stderr-\(UUID().uuidString)")
        try Data().write(to: errFile)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let err = try FileHandle(forWritingTo: errFile)
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // written while the output is read: a streaming child answers before its input ends
        let writer = input.fileHandleForWriting
        let written = DispatchSemaphore(value: 0)
        Thread {
            if let stdin { writer.write(stdin) }
            try? writer.close()
            written.signal()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        written.wait()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Lints text with the default rules.
    static func lint(_ text: String, format: String = "text", published: String? = nil) -> FileReport {
        let ext = ["text": "txt", "markdown": "md", "html": "html"][format] ?? "txt"
        let date = published.flatMap { p -> PublicationDate? in
            let parts = p.split(separator: "-").compactMap { Int($0) }
            return parts.count == 3 ? PublicationDate(year: parts[0], month: parts[1], day: parts[2], source: .commandLine, text: p) : nil
        }
        return linter.lint(text: text, path: "example.\(ext)", format: format, published: date)
    }
}
