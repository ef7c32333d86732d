import Copydesk
import Foundation

/// What a fuzz target checks for one input; any crash, hang or broken promise is a failure.
enum Target: String, CaseIterable {
    /// A parser: copied text, Markdown, HTML, decoded as the command line does.
    case text, markdown, html
    /// A user configuration laid over the defaults, and the same bytes read as a rule file and compiled.
    case config
    /// The whole run: the first byte picks the format; the text is linted and fixed, the report rendered;
    /// the fixed text must still parse, and fixing it again must change nothing.
    case fix

    /// The formats `fix` chooses among.
    static let formats = ["text", "markdown", "html"]

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .text, .markdown, .html:
            guard let text = decoded(bytes[...]) else { return }
            _ = try? linter.parse(text: text, path: "fuzz", format: rawValue)
        case .config:
            guard let text = decoded(bytes[...]) else { return }
            _ = try? Configuration.defaults(overlaidWith: text, file: "fuzz.yml")
            if let rule = try? RuleLoader.rule(file: "fuzz.yml", text: text, pack: "fuzz") {
                _ = try? RuleLoader.compile(rule, registry: .builtins)
            }
        case .fix:
            guard let first = bytes.first, let text = decoded(bytes.dropFirst()) else { return }
            let format = Self.formats[Int(first) % Self.formats.count]
            let path = "fuzz." + ["txt", "md", "html"][Int(first) % Self.formats.count]
            let (fixed, _, report) = linter.fix(text: text, path: path)
            _ = TextReporter().render(RunReport(files: [report], rules: [], toolVersion: "fuzz"))
            guard let fixed else { return }
            if report.error != nil { fatalError("\(format): the fixed text no longer parses: \(report.error!.message)") }
            if let again = linter.fix(text: fixed, path: path).fixed {
                fatalError("\(format): a second fix changed the text again:\n\(FixApplier.unifiedDiff(old: fixed, new: again, path: path))")
            }
        }
    }

    /// The bytes as the command line reads them (byte-order marks, UTF-16, NUL and invalid UTF-8 refused).
    func decoded(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        try? SourceReader.decode(Data(bytes)).get()
    }
}

/// The default configuration, compiled once for the whole run.
let linter = try! Linter(configuration: Configuration.defaults(), currentYear: 2026)

/// The target named by the first argument (read before libFuzzer sees the arguments).
let target: Target = {
    let name = CommandLine.arguments.dropFirst().first ?? ""
    guard let target = Target(rawValue: name) else {
        FileHandle.standardError.write(Data("usage: copydesk-fuzz TARGET [libFuzzer options]; targets: \(Target.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// `copydesk-fuzz TARGET [options] [corpus…]`: libFuzzer's driver, with the target's name taken off
/// the arguments (the program's name stands in its place, as libFuzzer reads argv[0]).
@main struct Fuzz {
    static func main() {
        _ = target
        var count = CommandLine.argc - 1
        let argv = CommandLine.unsafeArgv
        argv[1] = argv[0]
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv + 1
        exit(runDriver(&count, &arguments) { data, size in
            target.run(UnsafeBufferPointer(start: data, count: size))
            return 0
        })
    }
}
