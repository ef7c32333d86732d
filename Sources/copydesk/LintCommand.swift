import ArgumentParser
import Copydesk
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint articles (files, folders, or - for standard input).",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; \
            2 usage, configuration or input error; 3 internal error.
            """)

    @Argument(help: "Files or folders to lint; - reads standard input. Default: the current folder.")
    var paths: [String] = []

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Output format: \(ReporterRegistry.builtins.map { $0.name }.joined(separator: ", ")).",
                                           discussion: ReporterRegistry.builtins.map { "\($0.name): \($0.summary)" }.joined(separator: "\n")))
    var format: String = "text"

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Lowest severity that fails the run: error, warning or suggestion (default: config's fail_on).")
    var failOn: String?

    @Option(name: .long, help: "Fail when there are more than this many warnings.")
    var maxWarnings: Int?

    @Option(name: .long, help: "Files linted in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Publication date (YYYY-MM-DD) for every article, overriding what they say.")
    var published: String?

    @Option(name: .long, help: "File name to report (and to pick the parser by) for standard input.")
    var stdinFilename: String?

    @Flag(name: .long, help: "Never use colors.")
    var noColor = false

    @Flag(name: .long, help: "Print nothing when there are no findings (text format).")
    var quiet = false

    func validate() throws {
        guard ReporterRegistry.reporter(named: format) != nil else {
            throw ValidationError("unknown format '\(format)'; choose one of: \(ReporterRegistry.builtins.map { $0.name }.joined(separator: ", "))")
        }
        if let failOn, Severity(rawValue: failOn) == nil {
            throw ValidationError("--fail-on must be error, warning or suggestion")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let published, publicationDate(published) == nil {
            throw ValidationError("--published must be a date like 2024-05-31")
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
    }

    func publicationDate(_ text: String) -> PublicationDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard (1...3).contains(parts.count), (1000...9999).contains(parts[0]) else { return nil }
        return PublicationDate(year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil,
                               source: .commandLine, text: text)
    }

    func run() throws {
        let linter = try options.load()
        let date = published.flatMap(publicationDate)
        var reports: [FileReport] = []
        let inputs = paths.isEmpty ? ["."] : paths
        if inputs.contains("-") {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let name = stdinFilename ?? "<stdin>"
            switch SourceReader.decode(data) {
            case .success(let text): reports.append(linter.lint(text: text, path: name, published: date))
            case .failure(let error): reports.append(FileReport(path: name, format: "text", diagnostics: [], error: error))
            }
        }
        let files = linter.discover(inputs.filter { $0 != "-" })
        reports += linter.lint(files: files, jobs: jobs, published: date)

        let color = !noColor && output == nil && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let report = RunReport(files: reports, rules: linter.ruleInfo, toolVersion: Linter.version, color: color)
        let reporter = ReporterRegistry.reporter(named: format)!.init()
        let total = reports.reduce(0) { $0 + $1.diagnostics.count }
        if !(quiet && format == "text" && total == 0 && !reports.contains { $0.error != nil }) {
            let rendered = reporter.render(report)
            if let output {
                do {
                    try rendered.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    printError("error: cannot write \(output): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            } else {
                FileHandle.standardOutput.write(Data(rendered.utf8))
            }
        }
        for file in reports where file.error != nil && format != "text" {
            let loc = file.error!.location.map { ":\($0.line):\($0.column)" } ?? ""
            printError("\(file.path)\(loc): error: \(file.error!.message)")
        }
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(2) }
        let threshold = failOn.flatMap(Severity.init(rawValue:)) ?? linter.configuration.failOn
        let failing = reports.contains { $0.diagnostics.contains { $0.severity >= threshold } }
        if failing { throw ExitCode(1) }
        if let maxWarnings, report.count(.warning) > maxWarnings { throw ExitCode(1) }
    }
}
