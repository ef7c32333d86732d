import ArgumentParser
import CopydeskCLI
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
// the server is a binary of its own, with its own help
if arguments.first == "serve" {
    ServeCommand.exec(Array(arguments.dropFirst()))
} else if arguments.prefix(2) == ["help", "serve"] {
    ServeCommand.exec(["--help"])
}
if let word = arguments.first, let near = CopydeskCommand.mistypedCommand(word) {
    printError("error: unknown command '\(word)'; did you mean '\(near)'? (no file of that name either)")
    exit(2)
}
await CopydeskCommand.runAsRoot(arguments)
