import CopydeskCLI

await ServeCommand.runAsRoot(Array(CommandLine.arguments.dropFirst()))
