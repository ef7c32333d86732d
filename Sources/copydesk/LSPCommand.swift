import ArgumentParser
import CopydeskLSP
import Foundation

struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the Language Server Protocol server on standard input and output, for editors.",
        discussion: "Each document is linted with the .copydesk.yml found from its folder; see README \"Editors\".")

    func run() throws {
        throw ExitCode(LanguageServer().run())
    }
}
