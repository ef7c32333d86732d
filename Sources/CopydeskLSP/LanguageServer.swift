import Copydesk
import Foundation

/// `copydesk lsp`: a Language Server Protocol server over standard input and output.
/// Diagnostics on open, change and save of Markdown, HTML and text documents; a quick fix for
/// every finding with a fix and a "fix all"; hover with the rule's explanation. Each document
/// is linted with the configuration found from its folder (`.copydesk.yml` or `copydesk.yml`
/// there or above), reread when that file changes. Positions are UTF-16, as LSP requires.
public final class LanguageServer {
    struct Document {
        var text: String
        var version: Int
        var language: String
        /// The findings last published, and the positions they were mapped with.
        var diagnostics: [Diagnostic] = []
        var positions: UTF16Positions
        var linter: Linter?
    }

    private let connection: JSONRPCConnection
    private var documents: [String: Document] = [:]
    /// Documents changed since they were last linted.
    private var dirty: [String] = []
    private var linters = LinterCache()
    private var shutdownRequested = false

    /// The parser a document's language id names; others go by the path's extension.
    static let formatsByLanguage = ["markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"]
    /// The extensions of article files, which are linted whatever their language id.
    static let articleExtensions = ParserRegistry().extensions

    public init(input: FileHandle = .standardInput, output: FileHandle = .standardOutput) {
        connection = JSONRPCConnection(input: input, output: output)
    }

    /// Serves until `exit`; returns the exit code LSP asks for (0 after `shutdown`, else 1).
    public func run() -> Int32 {
        connection.start()
        while let batch = connection.take() {
            for body in batch {
                guard let message = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
                    connection.send(["id": NSNull(), "error": ["code": -32700, "message": "not a JSON object"]])
                    continue
                }
                if message["method"] as? String == "exit" { return shutdownRequested ? 0 : 1 }
                handle(message)
            }
            // a burst of edits is linted once, when no more messages are waiting
            if !connection.hasWaiting { lintDirty() }
        }
        return shutdownRequested ? 0 : 1
    }

    func handle(_ message: [String: Any]) {
        let method = message["method"] as? String ?? ""
        let params = message["params"] as? [String: Any] ?? [:]
        guard let id = message["id"] else {
            notification(method, params)
            return
        }
        guard method.isEmpty == false else { return }   // a response to us; we ask nothing
        lintDirty()
        do {
            connection.send(["id": id, "result": try request(method, params)])
        } catch let error as ResponseError {
            connection.send(["id": id, "error": ["code": error.code, "message": error.message]])
        } catch {
            connection.send(["id": id, "error": ["code": -32603, "message": "\(error)"]])
        }
    }

    struct ResponseError: Error {
        var code: Int
        var message: String
        static func methodNotFound(_ method: String) -> Self { Self(code: -32601, message: "unhandled method \(method)") }
    }

    func request(_ method: String, _ params: [String: Any]) throws -> Any {
        switch method {
        case "initialize":
            return ["capabilities": [
                        "positionEncoding": "utf-16",
                        "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": true]],
                        "codeActionProvider": ["codeActionKinds": ["quickfix", Self.fixAllKind]],
                        "hoverProvider": true,
                    ] as [String: Any],
                    "serverInfo": ["name": "copydesk", "version": Linter.version]]
        case "shutdown":
            shutdownRequested = true
            return NSNull()
        case "textDocument/codeAction":
            return codeActions(params)
        case "textDocument/hover":
            return hover(params) ?? NSNull()
        default:
            throw ResponseError.methodNotFound(method)
        }
    }

    func notification(_ method: String, _ params: [String: Any]) {
        if method == "workspace/didChangeWatchedFiles" {
            let changed = (params["changes"] as? [[String: Any]] ?? []).compactMap { ($0["uri"] as? String).flatMap(Self.path(of:)) }
            if changed.contains(where: LinterCache.isConfiguration) { markDirty(contentsOf: Array(documents.keys)) }
            return
        }
        let item = params["textDocument"] as? [String: Any] ?? [:]
        guard let uri = item["uri"] as? String else { return }
        switch method {
        case "textDocument/didOpen":
            let text = item["text"] as? String ?? ""
            documents[uri] = Document(text: text, version: item["version"] as? Int ?? 0,
                                      language: item["languageId"] as? String ?? "", positions: UTF16Positions(text))
            markDirty(uri)
        case "textDocument/didChange":
            // full sync: the last change holds the whole text
            guard let text = (params["contentChanges"] as? [[String: Any]])?.last?["text"] as? String else { return }
            documents[uri]?.text = text
            documents[uri]?.version = item["version"] as? Int ?? 0
            markDirty(uri)
        case "textDocument/didSave":
            if let text = params["text"] as? String { documents[uri]?.text = text }
            if Self.path(of: uri).map(LinterCache.isConfiguration) == true {
                markDirty(contentsOf: Array(documents.keys))   // a configuration changed: every document again
            } else {
                markDirty(uri)
            }
        case "textDocument/didClose":
            documents[uri] = nil
            dirty.removeAll { $0 == uri }
            connection.send(["method": "textDocument/publishDiagnostics", "params": ["uri": uri, "diagnostics": [Any]()]])
        default:
            break
        }
    }

    private func markDirty(_ uri: String) { markDirty(contentsOf: [uri]) }

    private func markDirty(contentsOf uris: [String]) {
        for uri in uris where !dirty.contains(uri) && documents[uri] != nil { dirty.append(uri) }
    }

    /// Lints the changed documents and publishes their diagnostics.
    func lintDirty() {
        let uris = dirty
        dirty = []
        for uri in uris { lint(uri) }
    }

    func lint(_ uri: String) {
        guard var document = documents[uri] else { return }
        let path = Self.path(of: uri) ?? uri
        // only articles: a client may also open the configuration or other files
        guard Self.formatsByLanguage[document.language] != nil
              || Self.articleExtensions.contains((path as NSString).pathExtension.lowercased()) else { return }
        let (linter, problem) = linters.linter(for: path)
        if let problem {
            connection.send(["method": "window/showMessage", "params": ["type": 1, "message": "copydesk: \(problem)"]])
        }
        guard let linter else { return }
        // the language id's format, else the path's extension, else the text's look
        guard case .success(let report) = linter.lint(submitted: document.text, path: path, format: Self.formatsByLanguage[document.language],
                                                      published: nil, unnamed: uri) else { return }
        document.positions = UTF16Positions(document.text)
        document.linter = linter
        document.diagnostics = report.diagnostics
        documents[uri] = document
        var published = report.diagnostics.map { lsp($0, document.positions, uri: uri) }
        if let error = report.error {
            let at = error.location ?? SourceLocation(line: 1, column: 1)
            published.append(["range": document.positions.range(SourceRange(at: at)), "severity": 1, "source": "copydesk",
                              "code": "input-error", "message": error.message])
        }
        connection.send(["method": "textDocument/publishDiagnostics",
                         "params": ["uri": uri, "version": document.version, "diagnostics": published] as [String: Any]])
    }

    func lsp(_ d: Diagnostic, _ positions: UTF16Positions, uri: String) -> [String: Any] {
        var out: [String: Any] = ["range": positions.range(d.range), "source": "copydesk", "code": d.rule, "message": d.message,
                                  "severity": [Severity.error: 1, .warning: 2, .suggestion: 3][d.severity] ?? 3]
        if !d.related.isEmpty {
            out["relatedInformation"] = d.related.map {
                ["location": ["uri": uri, "range": positions.range($0.range)], "message": $0.message]
            }
        }
        return out
    }

    /// The kind of the action that applies every fix in a document.
    static let fixAllKind = "source.fixAll.copydesk"

    /// A quick fix for each finding with a fix that touches the range, and a "fix all".
    func codeActions(_ params: [String: Any]) -> [[String: Any]] {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String, let document = documents[uri],
              let range = params["range"] as? [String: Any] else { return [] }
        let only = ((params["context"] as? [String: Any])?["only"] as? [String]) ?? []
        func wanted(_ kind: String) -> Bool { only.isEmpty || only.contains { kind == $0 || kind.hasPrefix($0 + ".") } }
        let positions = document.positions
        let from = positions.location(range["start"] as? [String: Any] ?? [:])
        let to = positions.location(range["end"] as? [String: Any] ?? [:])
        var actions: [[String: Any]] = []
        if wanted("quickfix") {
            for d in document.diagnostics where d.range.start <= to && from <= d.range.end {
                guard let fix = d.fix, !fix.edits.isEmpty else { continue }
                let edits = fix.edits.map { ["range": positions.range($0.range), "newText": $0.replacement] as [String: Any] }
                actions.append(["title": "Fix: \(d.message)", "kind": "quickfix", "isPreferred": true,
                                "diagnostics": [lsp(d, positions, uri: uri)], "edit": ["changes": [uri: edits]]])
            }
        }
        if wanted(Self.fixAllKind), document.diagnostics.contains(where: { $0.fix != nil }), let linter = document.linter,
           let fixed = linter.fix(text: document.text, path: Self.path(of: uri) ?? uri).fixed {
            actions.append(["title": "Fix all Copydesk findings", "kind": Self.fixAllKind,
                            "edit": ["changes": [uri: [["range": positions.whole, "newText": fixed]]]]])
        }
        return actions
    }

    /// The explanation of the rules whose findings cover the position.
    func hover(_ params: [String: Any]) -> [String: Any]? {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String, let document = documents[uri],
              let linter = document.linter, let position = params["position"] as? [String: Any] else { return nil }
        let at = document.positions.location(position)
        let here = document.diagnostics.filter { $0.range.start <= at && at <= $0.range.end }
        guard let first = here.first else { return nil }
        let text = here.map { d -> String in
            let rule = linter.configuration.rules.first { $0.id == d.rule }
            let summary = rule.flatMap { linter.registry[$0.kind]?.summary } ?? ""
            let description = rule?.description.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return "**\(d.rule)** (\(d.severity.rawValue)): \(d.message)\n\n\(summary)"
                + (description.isEmpty ? "" : "\n\n\(description)")
        }.joined(separator: "\n\n---\n\n")
        return ["contents": ["kind": "markdown", "value": text], "range": document.positions.range(first.range)]
    }

    /// The file path of a `file:` URI.
    static func path(of uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }
}

/// A linter for each configuration in use, built once and again when its file changes.
struct LinterCache {
    private var built: [String: (modified: Date?, linter: Linter)] = [:]
    private var reported: Set<String> = []

    static func isConfiguration(_ path: String) -> Bool {
        [".copydesk.yml", "copydesk.yml"].contains((path as NSString).lastPathComponent)
    }

    private var defaults: Linter?

    /// The linter for a document at `path`, and the configuration's error the first time it is met
    /// (the defaults are used meanwhile); nil only if not even the defaults compile.
    mutating func linter(for path: String) -> (Linter?, String?) {
        let folder = (path as NSString).deletingLastPathComponent
        let file = Configuration.discover(from: folder.isEmpty ? FileManager.default.currentDirectoryPath : folder)
        let key = file ?? ""
        let modified = file.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        if let cached = built[key], cached.modified == modified { return (cached.linter, nil) }
        do {
            let linter = try Linter(configuration: Configuration.load(explicit: file, searchFrom: folder))
            built[key] = (modified, linter)
            return (linter, nil)
        } catch {
            let message = "\(error)"
            let first = reported.insert(message).inserted
            // the defaults until the file is fixed; the file is not cached, so that its fix is seen
            if defaults == nil { defaults = try? Linter(configuration: .defaults()) }
            return (defaults, first ? message + " (using the defaults)" : nil)
        }
    }
}
