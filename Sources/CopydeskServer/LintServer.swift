import Copydesk
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// `copydesk serve`: the linter behind HTTP, for a CMS's "publish" button. The configuration is
/// loaded and compiled once, before the first request; requests are linted concurrently on the
/// cooperative pool (one thread a core).
///
/// - `POST /v1/lint`: an article, as JSON `{"text", "path", "format", "published"}` or as a raw
///   body with hints (`?path=`, `?format=`, `?published=`, `Content-Type`); answers what
///   `lint --format json` prints for it.
/// - `GET /v1/rules`, `GET /healthz`, `GET /openapi.yaml` (the document in `docs/openapi.yaml`).
public struct LintServer: Sendable {
    /// What one request may cost.
    public struct Limits: Sendable {
        /// Largest body accepted (413 beyond): 4 MiB, over four times the largest page of the
        /// corpus (0.9 MB), whose lint takes about two seconds.
        public var maxBodyBytes = 4 << 20
        /// Longest a request may lint (503 beyond): 10 s, some five times the lint of a body at
        /// the default size limit; the work stops at the next rule.
        public var timeLimit: Duration = .seconds(10)

        public init() {}
    }

    let linter: Linter
    let limits: Limits
    /// The rules' metadata for reports, gathered once rather than per request.
    let ruleInfo: [RuleInfo]

    public init(linter: Linter, limits: Limits = Limits()) {
        self.linter = linter
        self.limits = limits
        ruleInfo = linter.ruleInfo
    }

    /// Serves on `host:port` (port 0 picks a free port) until SIGTERM or SIGINT, then answers the
    /// requests in hand and returns; `onRunning` gets the bound port once it listens. The access
    /// log goes to standard error as JSON lines.
    public func serve(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let logger = Logger(label: "copydesk.serve") { JSONLogHandler(label: $0) }
        try await application(host: host, port: port, logger: logger, onRunning: onRunning).runService()
    }

    func application(host: String, port: Int, logger: Logger,
                     onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(AccessLog())
        router.get("/healthz") { _, _ in Self.json(.object([("status", .string("ok")), ("version", .string(Linter.version))])) }
        router.get("/v1/rules") { _, _ in Self.json(rules) }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        router.post("/v1/lint") { request, _ in await lint(request) }
        return Application(router: router,
                           configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "copydesk"),
                           onServerRunning: { await onRunning($0.localAddress?.port ?? port) },
                           logger: logger)
    }

    /// Answers one `POST /v1/lint`.
    func lint(_ request: Request) async -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxBodyBytes {
            return Self.tooLarge(limits.maxBodyBytes)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return Self.tooLarge(limits.maxBodyBytes)
        } catch {
            return Self.error(.badRequest, "the body could not be read: \(error)")
        }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 })
        let article: LintRequest
        switch LintRequest.read(body: Data(body.readableBytesView), contentType: request.headers[.contentType], query: query) {
        case .success(let a): article = a
        case .failure(let error): return Self.error(.badRequest, error.message)
        }
        let linter = linter
        let outcome = await Self.within(limits.timeLimit) {
            linter.lint(submitted: article.text, path: article.path, format: article.format, published: article.published,
                        unnamed: "<request>")
        }
        switch outcome {
        case nil:
            return Self.error(.serviceUnavailable, "linting took longer than the server's limit of \(limits.timeLimit)")
        case .failure(let error)?:
            return Self.error(.badRequest, error.message)
        case .success(let report)?:
            let run = RunReport(files: [report], rules: ruleInfo, toolVersion: Linter.version)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: JSONReporter().render(run))))
        }
    }

    /// `work`'s result, or nil when it is not done within `limit`; the work is then cancelled
    /// (the engine stops at its next rule) and its result dropped.
    static func within<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () -> T) async -> T? {
        let answer = Mutex<CheckedContinuation<T?, Never>?>(nil)
        let finish: @Sendable (T?) -> Void = { value in answer.withLock { $0.take() }?.resume(returning: value) }
        let timer = Mutex<Task<Void, Never>?>(nil)
        let value = await withCheckedContinuation { continuation in
            answer.withLock { $0 = continuation }
            let job = Task.detached { finish(work()) }
            timer.withLock {
                $0 = Task.detached {
                    try? await Task.sleep(for: limit)
                    guard !Task.isCancelled else { return }
                    job.cancel()
                    finish(nil)
                }
            }
        }
        timer.withLock { $0?.cancel() }   // done in time: no sleeper left behind
        return value
    }

    /// `GET /v1/rules`: every configured rule with its kind, pack, severity and whether it is on and fixable.
    var rules: JSONValue {
        .object([("rules", .array(linter.configuration.rules.map { rule in
            .object([("id", .string(rule.id)), ("kind", .string(rule.kind)), ("pack", .string(rule.pack)),
                     ("severity", .string(rule.severity.rawValue)), ("enabled", .bool(rule.enabled)),
                     ("fixable", .bool(linter.registry[rule.kind]?.fixable ?? false)),
                     ("summary", .string(linter.registry[rule.kind]?.summary ?? rule.message))])
        }))])
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.render())))
    }

    /// The JSON every refused request gets: `{"error": {"message": …}}`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(.object([("error", .object([("message", .string(message))]))]), status: status)
    }

    static func tooLarge(_ limit: Int) -> Response {
        error(.contentTooLarge, "the body is larger than the server's limit of \(limit) bytes")
    }
}

/// The OpenAPI document of the server, `docs/openapi.yaml`, embedded at build time.
enum OpenAPIDocument {
    static let text = EmbeddedResources.text(of: "docs/openapi.yaml") ?? ""
}
