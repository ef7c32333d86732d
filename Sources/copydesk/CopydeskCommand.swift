import ArgumentParser
import Copydesk
import CopydeskCLI
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

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print(Linter.version) }
}
