import ArgumentParser
import CopydeskCLI
import Foundation

/// `copydesk serve` runs `copydesk-serve`, the binary built beside this one, with its arguments:
/// `main` hands them over before any parsing, so that the server's own options, help and errors
/// apply. This type lists the command in `copydesk --help`.
///
/// The HTTP server's libraries (SwiftNIO, Hummingbird) live in that binary alone: in this one they
/// were a third of its size and a quarter of the type records the runtime searches, which cost
/// every other command about two milliseconds of start-up (docs/benchmarks.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: ServeHelp.abstract, discussion: ServeHelp.discussion)

    /// The server's binary: `copydesk-serve` in this executable's folder.
    static var serverPath: String? {
        Bundle.main.executableURL.map { $0.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("copydesk-serve").path }
    }

    /// Replaces this process with `copydesk-serve ARGUMENTS`, so that signals and exit codes are the
    /// server's own; when it cannot, says why and exits 2.
    static func exec(_ arguments: [String]) -> Never {
        guard let path = serverPath, FileManager.default.isExecutableFile(atPath: path) else {
            printError("error: copydesk serve runs copydesk-serve, which is not beside this copydesk (`swift build -c release` builds both)")
            Foundation.exit(2)
        }
        let argv = (["copydesk-serve"] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        printError("error: cannot run \(path): \(String(cString: strerror(errno)))")
        Foundation.exit(2)
    }
}
