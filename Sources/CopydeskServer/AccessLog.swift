import Copydesk
import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path, status, bytes answered and milliseconds taken.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func log(_ status: Int, bytes: Int?) {
            let elapsed = (ContinuousClock.now - start) / .milliseconds(1)
            var metadata: Logger.Metadata = ["method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                                             "status": "\(status)", "ms": "\(String(format: "%.1f", elapsed))"]
            if let bytes { metadata["bytes"] = "\(bytes)" }
            context.logger.info("request", metadata: metadata)
        }
        do {
            let response = try await next(request, context)
            log(Int(response.status.code), bytes: response.body.contentLength)
            return response
        } catch {
            log(Int((error as? any HTTPResponseError)?.status.code ?? 500), bytes: nil)
            throw error
        }
    }
}

/// A log handler writing one JSON object a line to standard error (`time`, `level`, `message`,
/// then the metadata), for log collectors.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        all.merge(metadataProvider?.get() ?? [:]) { $1 }
        all.merge(event.metadata ?? [:]) { $1 }
        let line = JSONValue.object([("time", .string(Date.now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))),
                                     ("level", .string(event.level.rawValue)), ("label", .string(label)),
                                     ("message", .string(event.message.description))]
                                    + all.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.description)) })
        FileHandle.standardError.write(Data(line.render(indent: false).utf8))
    }
}
