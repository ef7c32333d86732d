import ArgumentParser
import Copydesk
import Foundation

struct CopydeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk",
        abstract: "An editorial linter for news articles.",
        version: Linter.version,
        subcommands: [LintCommand.self, ParseCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self, ServeCommand.self, LSPCommand.self,
                      VersionCommand.self],
        defaultSubcommand: LintCommand.self)
}

extension CopydeskCommand {
    /// The command `word` was likely meant to be, when it names no command and no file: the first
    /// argument is otherwise a path to lint, so `copydesk explian` would report a missing file.
    static func mistypedCommand(_ word: String) -> String? {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !word.hasPrefix("-"), !word.contains("/"), !word.contains("."), !names.contains(word),
              !FileManager.default.fileExists(atPath: word) else { return nil }
        return Suggestion.closest(to: word, among: names)
    }
}

/// Options every command that loads configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: .copydesk.yml or copydesk.yml here or in a parent folder).")
    var config: String?

    func load() throws -> Linter {
        do {
            let configuration = try Configuration.load(explicit: config, searchFrom: FileManager.default.currentDirectoryPath)
            return try Linter(configuration: configuration)
        } catch let error as ConfigError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print(Linter.version) }
}
