import CopydeskCore
import Foundation

/// `external`: a check kind that lives outside the binary, as an executable speaking
/// the JSON protocol in docs/plugins.md: the parsed article and the rule's options on
/// standard input, diagnostics on standard output.
///
/// A plugin that cannot start, exits non-zero, outlives `timeout` seconds, or prints
/// something that is not a protocol response gives one error finding for its rule, with
/// the reason; the other rules run as usual.
public struct ExternalCheck: CheckKind {
    public static let name = "external"
    public static let summary = "Runs a plugin executable (any language) that speaks Copydesk's JSON protocol."
    public static let fixable = false
    public static let protocolVersion = 1

    let command: [String]
    let timeout: Double
    /// The rule's `options`, as JSON, passed through to the plugin.
    let options: Data

    public init(params: RuleParams) throws {
        try params.allowOnly(["command", "timeout", "options"])
        guard let command = try params.strings("command"), !command.isEmpty else {
            throw ParamError("external needs 'command' (a path, or a list: program and arguments)", at: params.location)
        }
        self.command = command
        timeout = try params.double("timeout") ?? 10
        options = (try? JSONSerialization.data(withJSONObject: params["options"].map(Self.json) ?? [String: Any](),
                                               options: [.fragmentsAllowed])) ?? Data("{}".utf8)
    }

    static func json(_ node: ParamNode) -> Any {
        switch node.value {
        case .scalar(let s):
            if let n = Int(s) { return n }
            if let d = Double(s) { return d }
            if s == "true" || s == "false" { return s == "true" }
            return s
        case .list(let items): return items.map(json)
        case .map(let pairs): return Dictionary(pairs.map { ($0.key, json($0.value)) }, uniquingKeysWith: { $1 })
        }
    }

    /// One error finding at the top of the article, saying what went wrong.
    func failure(_ reason: String) -> Finding {
        let start = SourceLocation(line: 1, column: 1)
        return Finding(range: SourceRange(at: start), excerpt: "",
                       message: "plugin \((command[0] as NSString).standardizingPath) failed: \(reason)", severity: .error)
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let articleJSON = (try? JSONSerialization.jsonObject(with: ArticleDump.data(article))) ?? [:]
        let options = (try? JSONSerialization.jsonObject(with: self.options, options: [.fragmentsAllowed])) ?? [:]
        let request: [String: Any] = ["protocol": Self.protocolVersion, "options": options, "scope": context.blocks,
                                      "article": articleJSON]
        guard let input = try? JSONSerialization.data(withJSONObject: request) else { return [failure("cannot encode the request")] }
        let output: Data
        switch PluginRunner.run(command, input: input, timeout: timeout) {
        case .failure(let reason): return [failure(reason.message)]
        case .success(let data): output = data
        }
        guard let response = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let items = response["diagnostics"] as? [[String: Any]] else {
            let shown = String(decoding: output.prefix(120), as: UTF8.self).trimmingWhitespace()
            return [failure("its output is not a protocol response ({\"diagnostics\": [...]}): \(shown.isEmpty ? "nothing" : shown)")]
        }
        var findings: [Finding] = []
        for item in items {
            guard let message = item["message"] as? String else { return [failure("a diagnostic has no \"message\"")] }
            let range: SourceRange
            if let b = item["block"] as? Int, article.blocks.indices.contains(b) {
                let block = article.blocks[b]
                let start = max(0, min(item["start"] as? Int ?? 0, block.scalars.count))
                let end = max(start, min(item["end"] as? Int ?? block.scalars.count, block.scalars.count))
                range = block.map.range(start..<end)
            } else if let line = item["line"] as? Int, line >= 1 {
                let start = SourceLocation(line: line, column: max(1, item["column"] as? Int ?? 1))
                let end = SourceLocation(line: item["endLine"] as? Int ?? line, column: item["endColumn"] as? Int ?? start.column + 1)
                range = SourceRange(start: start, end: end)
            } else {
                return [failure("a diagnostic has neither \"block\" nor \"line\"")]
            }
            let severity = (item["severity"] as? String).flatMap(Severity.init(rawValue:))
            findings.append(Finding(range: range, excerpt: item["excerpt"] as? String ?? "", values: ["message": message],
                                    message: nil, severity: severity))
        }
        return findings
    }
}

/// Runs a plugin process with a time limit, feeding it standard input.
enum PluginRunner {
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func run(_ command: [String], input: Data, timeout: Double) -> Result<Data, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0].contains("/") ? command[0] : "/usr/bin/env")
        process.arguments = command[0].contains("/") ? Array(command.dropFirst()) : command
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failure(Failure("cannot start it (\(error.localizedDescription))"))
        }
        // read both streams while writing, so that a chatty plugin never blocks on a full pipe;
        // on threads of their own: blocking reads must not starve a small dispatch pool
        let streams = Streams()
        let reading = DispatchGroup()
        for (pipe, isOut) in [(stdout, true), (stderr, false)] {
            reading.enter()
            Thread {
                streams.set(pipe.fileHandleForReading.readDataToEndOfFile(), out: isOut)
                reading.leave()
            }.start()
        }
        Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 1) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            _ = reading.wait(timeout: .now() + 1)
            return .failure(Failure("it did not finish within \(timeout) seconds and was stopped"))
        }
        reading.wait()
        let (out, err) = streams.both
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let why = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            let detail = String(decoding: err.suffix(300), as: UTF8.self).trimmingWhitespace()
            return .failure(Failure(why + (detail.isEmpty ? "" : ": \(detail)")))
        }
        return .success(out)
    }
}

/// What a plugin wrote to its standard output and error, filled by one reader thread each.
private final class Streams: @unchecked Sendable {
    // @unchecked: every access to `out` and `err` holds `lock`.
    private var out = Data(), err = Data()
    private let lock = NSLock()

    func set(_ data: Data, out isOut: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isOut { out = data } else { err = data }
    }

    var both: (Data, Data) {
        lock.lock()
        defer { lock.unlock() }
        return (out, err)
    }
}
