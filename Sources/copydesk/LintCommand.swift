import ArgumentParser
import Copydesk
import CopydeskCLI
import Foundation

struct LintCommand: AsyncParsableCommand {
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
    var jobs: Int?

    @Option(name: .long, help: "Publication date (YYYY-MM-DD) for every article, overriding what they say.")
    var published: String?

    @Option(name: .long, help: "File name to report (and to pick the parser by) for standard input.")
    var stdinFilename: String?

    @Option(name: .customLong("report"), help: ArgumentHelp(
        "Also write a report in another format to a file, as FORMAT=FILE (repeatable): --report sarif=copydesk.sarif",
        valueName: "format=file"))
    var report_: [String] = []

    @Option(name: .long, help: "Where articles come from: files (the paths; default) or jsonl (standard input, one JSON object a line: id, path, format, text, published; results as JSON lines).")
    var input: InputKind = .files

    enum InputKind: String, ExpressibleByArgument { case files, jsonl }

    @Flag(name: .long, help: "Apply the configuration's exclude to files named on the command line too (for commit hooks, which name files themselves; --staged always does).")
    var forceExclude = false

    @Option(name: .long, help: "Report only findings not recorded in this baseline file.")
    var baseline: String?

    @Option(name: .long, help: "Record the current findings in this baseline file.")
    var writeBaseline: String?

    @Flag(name: .long, help: "Apply the fixes of fixable rules to the files (atomically), then report what is left.")
    var fix = false

    @Flag(name: .long, help: "Print the fixes as a unified diff without changing any file.")
    var fixDryRun = false

    @Option(name: .long, help: "Refuse files larger than this many MiB (default 64).")
    var maxFileSize: Int?

    @Flag(name: .long, help: "With --fix, fix read-only files too (they are skipped otherwise).")
    var fixReadOnly = false

    @Flag(name: .long, help: "Lint the staged content of staged article files (for commit hooks).")
    var staged = false

    @Option(name: .long, help: "Lint the article files changed since this git revision.")
    var changedSince: String?

    @Flag(name: .long, help: "Never use colors.")
    var noColor = false

    @Flag(name: .long, help: "Print nothing when there are no findings (text format).")
    var quiet = false

    func validate() throws {
        if let maxFileSize, maxFileSize < 1 { throw ValidationError("--max-file-size takes a number of MiB, 1 or more") }
        guard ReporterRegistry.reporter(named: format) != nil else {
            throw ValidationError("unknown format '\(format)'; choose one of: \(ReporterRegistry.builtins.map { $0.name }.joined(separator: ", "))")
        }
        if let failOn, Severity(rawValue: failOn) == nil {
            throw ValidationError("--fail-on must be error, warning or suggestion")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let published, PublicationDate(commandLine: published) == nil {
            throw ValidationError("--published '\(published)' is not a date; give one like 2024-05-31, 2024-05 or 2024")
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        for value in report_ {
            guard let (name, _) = Self.splitReport(value), ReporterRegistry.reporter(named: name) != nil else {
                throw ValidationError("--report takes FORMAT=FILE with a format of: \(ReporterRegistry.builtins.map { $0.name }.joined(separator: ", "))")
            }
        }
        if staged, changedSince != nil || !paths.isEmpty {
            throw ValidationError("--staged lints what git has staged; give no paths and no --changed-since with it")
        }
        if changedSince != nil, !paths.isEmpty { throw ValidationError("--changed-since takes no paths") }
        if input == .jsonl {
            if !paths.isEmpty || staged || changedSince != nil || fix || fixDryRun || baseline != nil || writeBaseline != nil {
                throw ValidationError("--input jsonl reads articles from standard input; give no paths, --staged, --changed-since, fixes or baselines with it")
            }
            if !["text", "jsonl"].contains(format) || !report_.isEmpty {
                throw ValidationError("--input jsonl writes JSON lines (--format jsonl); other formats and --report do not apply")
            }
        }
        if fix || fixDryRun {
            if fix && fixDryRun { throw ValidationError("choose one of --fix and --fix-dry-run") }
            if staged || paths.contains("-") { throw ValidationError("--fix works on files, not on standard input or --staged") }
        }
    }

    /// The files linted at once for `count` files (nil: not known yet): `--jobs`, else the machine's
    /// cores, which a single file does not ask for (the question costs a process that lints one file
    /// a conformance search of the runtime's).
    func workers(for count: Int?) -> Int {
        if let jobs { return jobs }
        if let count, count <= 1 { return 1 }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    func run() async throws {
        var linter = try options.load()
        if let maxFileSize { linter.maxFileSize = maxFileSize << 20 }
        linter.keeps = ([format] + report_.compactMap { Self.splitReport($0)?.0 })
            .compactMap { ReporterRegistry.reporter(named: $0)?.needs }.reduce([]) { $0.union($1) }
        let date = published.flatMap(PublicationDate.init(commandLine:))
        if input == .jsonl {
            let stream = JSONLinesStream(linter: linter, jobs: workers(for: nil), published: date,
                                         threshold: failOn.flatMap(Severity.init(rawValue:)) ?? linter.configuration.failOn)
            throw ExitCode(await stream.run())
        }
        var reports: [FileReport]
        if fix || fixDryRun {
            let found: (files: [String], skipped: [FileReport]) = changedSince != nil ? (try await collect(linter, date).map(\.path), [])
                : linter.discover(paths.isEmpty ? ["."] : paths, forceExclude: forceExclude)
            let files = found.files
            if fix { Self.removeTemporaryFilesOnInterrupt() }
            let outcomes = await linter.fix(files: files, jobs: workers(for: files.count), write: fix, allowReadOnly: fixReadOnly, published: date)
            for outcome in outcomes {
                if let refusal = outcome.refusal { printError("warning: \(outcome.path.withoutDotSlash) \(refusal)") }
            }
            if fix, !quiet {
                let written = outcomes.filter { !$0.passes.isEmpty }
                let edits = written.reduce(0) { $0 + $1.passes.reduce(0) { $0 + $1.count } }
                printError("fixed \(edits) finding\(edits == 1 ? "" : "s") in \(written.count) file\(written.count == 1 ? "" : "s")")
            }
            if fixDryRun {
                let changed = outcomes.filter { !$0.passes.isEmpty }
                let printed = format == "json" ? JSONReporter.renderFixes(changed.map { ($0.path.withoutDotSlash, $0.passes, $0.diff) }) + "\n"
                    : outcomes.map(\.diff).joined()
                FileHandle.standardOutput.write(Data(printed.utf8))
                reports = outcomes.map(\.report) + found.skipped
                if reports.contains(where: { $0.error != nil }) { throw ExitCode(2) }
                throw ExitCode(reports.contains { !$0.diagnostics.isEmpty } ? 1 : 0)
            }
            reports = outcomes.map(\.report) + found.skipped
        } else {
            reports = try await collect(linter, date)
        }
        if let writeBaseline {
            do {
                try Baseline(reports: reports).write(to: writeBaseline)
            } catch {
                printError("error: cannot write the baseline \(writeBaseline): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if let baseline {
            do {
                reports = try Baseline(contentsOf: baseline).filter(reports)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }

        let color = !noColor && output == nil && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let report = RunReport(files: reports, rules: linter.ruleInfo, toolVersion: Linter.version, color: color)
        let total = reports.reduce(0) { $0 + $1.diagnostics.count }
        if !(quiet && format == "text" && total == 0 && !reports.contains { $0.error != nil }) {
            try emit(ReporterRegistry.reporter(named: format)!.init().render(report), to: output)
        }
        for extra in report_ {
            let (name, file) = Self.splitReport(extra)!
            try emit(ReporterRegistry.reporter(named: name)!.init().render(RunReport(
                files: reports, rules: report.rules, toolVersion: report.toolVersion)), to: file)
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

    /// On SIGINT or SIGTERM during `--fix`, removes the temporary files being written, then exits
    /// as the signal would have (128 + its number).
    static func removeTemporaryFilesOnInterrupt() {
        _ = interruptSources
    }

    /// The signal sources, made once and kept alive for the whole run. `nonisolated(unsafe)`: the
    /// array is created once, under the lazy-initialisation lock, and never changed; only retained.
    nonisolated(unsafe) static let interruptSources: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            TemporaryFiles.shared.removeAll()
            Foundation.exit(128 + sig)
        }
        source.resume()
        return source
    }

    /// Lints what the user asked for: paths and standard input, or git's staged or changed files.
    func collect(_ linter: Linter, _ date: PublicationDate?) async throws -> [FileReport] {
        do {
            if staged {
                return try GitFiles.staged(extensions: linter.parsers.extensions).filter { linter.configuration.selects($0.path) }.map { item in
                    switch item.stagedText! {
                    case .success(let text): return linter.lint(text: text, path: item.path, published: date)
                    case .failure(let error): return FileReport(path: item.path, format: "text", diagnostics: [], error: error)
                    }
                }
            }
            if let changedSince {
                return await linter.lint(files: try GitFiles.changed(since: changedSince, extensions: linter.parsers.extensions)
                                    .filter { linter.configuration.selects($0) }, jobs: workers(for: nil), published: date)
            }
        } catch let error as InputError {
            printError("error: \(error.message)")
            throw ExitCode(2)
        }
        var reports: [FileReport] = []
        let inputs = paths.isEmpty ? ["."] : paths
        if inputs.contains("-") {
            let name = stdinFilename ?? "<stdin>"
            switch SourceReader.decode(FileHandle.standardInput.readDataToEndOfFile()) {
            case .success(let text):
                let format = stdinFilename == nil ? FormatSniffer.format(of: text) : nil
                reports.append(linter.lint(text: text, path: name, format: format, published: date))
            case .failure(let error): reports.append(FileReport(path: name, format: "text", diagnostics: [], error: error))
            }
        }
        let (files, skipped) = linter.discover(inputs.filter { $0 != "-" }, forceExclude: forceExclude)
        return reports + (await linter.lint(files: files, jobs: workers(for: files.count), published: date, progress: Self.progressLine(total: files.count)))
            + skipped
    }

    /// A progress line on standard error for long runs, when it is a terminal.
    static func progressLine(total: Int) -> (@Sendable (Int) -> Void)? {
        guard total >= 200, isatty(STDERR_FILENO) != 0 else { return nil }
        let step = max(1, total / 100)
        return { done in
            if done % step == 0 || done == total {
                let line = done == total ? "\r\u{1B}[K" : "\rlinting \(done)/\(total) files…"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    /// Writes a rendered report to a file (atomically) or to standard output.
    func emit(_ rendered: String, to file: String?) throws {
        guard let file else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
            return
        }
        do {
            try rendered.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            printError("error: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    /// `sarif=out.sarif` → ("sarif", "out.sarif").
    static func splitReport(_ value: String) -> (String, String)? {
        guard let eq = value.firstIndex(of: "="), eq != value.startIndex, value.index(after: eq) != value.endIndex else { return nil }
        return (String(value[..<eq]), String(value[value.index(after: eq)...]))
    }
}
