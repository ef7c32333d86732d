import ArgumentParser
import Copydesk
import CopydeskCLI
import CopydeskServer
import Foundation

/// `copydesk serve`, which `copydesk` hands its arguments to (`copydesk-serve` is its own binary).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk serve", abstract: ServeHelp.abstract, discussion: ServeHelp.discussion)

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free one, printed at start).")
    var port = 8080

    @Option(name: .long, help: "Largest request body, in KiB (default 4096).")
    var maxBodySize: Int?

    @Option(name: .long, help: "Longest a request may lint, in seconds (default 10).")
    var timeLimit: Double?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port takes 0 to 65535") }
        if let maxBodySize, maxBodySize < 1 { throw ValidationError("--max-body-size takes a number of KiB, 1 or more") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit takes a number of seconds above 0") }
    }

    func run() async throws {
        var linter = try options.load()
        linter.keeps = JSONReporter.needs   // every answer is the JSON report
        var limits = LintServer.Limits()
        if let maxBodySize { limits.maxBodyBytes = maxBodySize << 10 }
        if let timeLimit { limits.timeLimit = .milliseconds(Int(timeLimit * 1000)) }
        do {
            try await LintServer(linter: linter, limits: limits).serve(host: host, port: port) { [host] bound in
                FileHandle.standardOutput.write(Data("copydesk serve: listening on http://\(host):\(bound)\n".utf8))
            }
        } catch {
            printError("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }
}
