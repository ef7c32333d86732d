import ArgumentParser
import Copydesk
import CopydeskCLI
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Print a parsed article, as the rules see it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, tree }

    @Argument(help: "The article file, or - for standard input.")
    var file: String

    @Option(name: .long, help: "json (default) or tree (one line a block).")
    var format: Format = .json

    @Option(name: .long, help: "The name standard input is parsed as (its extension picks the parser; without it the format is guessed).")
    var stdinFilename: String?

    func run() throws {
        let text: String
        let path = file == "-" ? stdinFilename ?? "<stdin>" : file
        switch file == "-" ? SourceReader.decode(FileHandle.standardInput.readDataToEndOfFile()) : SourceReader.read(path: file) {
        case .success(let t): text = t
        case .failure(let error):
            printError("\(path)\(error.location.map { ":\($0.line):\($0.column)" } ?? ""): error: \(error.message)")
            throw ExitCode(2)
        }
        let linter = try Linter(configuration: try Configuration.defaults())
        do {
            let sniffed = file == "-" && stdinFilename == nil ? FormatSniffer.format(of: text) : nil
            let article = try linter.parse(text: text, path: path, format: sniffed)
            print(format == .json ? ArticleDump.json(article) : ArticleDump.tree(article), terminator: "")
        } catch let error as InputError {
            printError("\(path)\(error.location.map { ":\($0.line):\($0.column)" } ?? ""): error: \(error.message)")
            throw ExitCode(2)
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules with kind, severity, enabled, fixable.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let linter = try options.load()
        let rows = linter.configuration.rules.map { rule -> [String] in
            let fixable = linter.registry[rule.kind]?.fixable ?? false
            return [rule.id, rule.pack, rule.kind, rule.severity.rawValue, rule.enabled ? "yes" : "no", fixable ? "yes" : "no"]
        }
        let header = ["RULE", "PACK", "KIND", "SEVERITY", "ENABLED", "FIXABLE"]
        let widths = (0..<header.count).map { c in ([header] + rows).map { $0[c].count }.max()! }
        for row in [header] + rows {
            print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingSpaces())
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Describe a rule, with its examples.")

    @Argument(help: "The rule id.")
    var rule: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let linter = try options.load()
        guard let r = linter.configuration.rules.first(where: { $0.id == rule }) else {
            printError("error: unknown rule '\(rule)'\(Suggestion.hint(for: rule, among: linter.configuration.rules.map(\.id))) (see `copydesk rules`)")
            throw ExitCode(2)
        }
        print("\(r.id) (\(r.kind), \(r.severity.rawValue)\(r.enabled ? "" : ", disabled"))")
        if let kind = linter.registry[r.kind] { print(kind.summary) }
        if !r.description.isEmpty { print("\n" + r.description.trimmingWhitespace()) }
        for (title, examples) in [("Triggering", r.triggering), ("Passing", r.passing)] where !examples.isEmpty {
            print("\n\(title) examples:")
            for example in examples {
                if !example.params.isEmpty {
                    print("  with " + example.params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ":")
                }
                let lines = example.text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
                print(lines.map { "    " + $0 }.joined(separator: "\n"))
                print("")
            }
        }
    }
}
