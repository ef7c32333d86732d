import ArgumentParser
import Copydesk
import Foundation

/// Usage errors exit with 2, as documented, rather than ArgumentParser's 64.
func runCopydesk() async -> Never {
    signal(SIGPIPE, SIG_IGN)   // a plugin that exits without reading its input must not kill us
    do {
        if let word = CommandLine.arguments.dropFirst().first, let near = CopydeskCommand.mistypedCommand(word) {
            printError("error: unknown command '\(word)'; did you mean '\(near)'? (no file of that name either)")
            exit(2)
        }
        var command = try CopydeskCommand.parseAsRoot()
        if var linting = command as? AsyncParsableCommand {
            try await linting.run()
        } else {
            try command.run()
        }
        exit(0)
    } catch {
        let code = CopydeskCommand.exitCode(for: error)
        if code == .validationFailure {
            FileHandle.standardError.write(Data((CopydeskCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        CopydeskCommand.exit(withError: error)
    }
}

await runCopydesk()
