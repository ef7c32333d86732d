import ArgumentParser
import Copydesk
import Foundation

/// Options every command that loads configuration shares.
public struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: .copydesk.yml or copydesk.yml here or in a parent folder).")
    public var config: String?

    public init() {}

    public func load() throws -> Linter {
        do {
            let configuration = try Configuration.load(explicit: config, searchFrom: FileManager.default.currentDirectoryPath)
            return try Linter(configuration: configuration)
        } catch let error as ConfigError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Writes a line to standard error.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// What `copydesk serve` says of itself, in `copydesk --help` and in its own help.
public enum ServeHelp {
    public static let abstract = "Serve the linter over HTTP (POST /v1/lint; see docs/openapi.yaml)."
    public static let discussion = "Logs one JSON line per request on standard error; SIGTERM or SIGINT stops it after answering the requests in hand."
}

extension ParsableCommand {
    /// Parses `arguments` with this command as the root and runs it, then exits: 0 when it
    /// succeeds, 2 for a usage error (as documented, rather than ArgumentParser's 64), else the
    /// error's own code.
    public static func runAsRoot(_ arguments: [String]) async -> Never {
        signal(SIGPIPE, SIG_IGN)   // a plugin or client that goes away without reading must not kill us
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
