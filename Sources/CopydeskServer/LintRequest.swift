import Copydesk
import Foundation

/// What `POST /v1/lint` was asked to lint, read from a JSON body (`{"text", "path", "format",
/// "published"}`) or from a raw body and its hints: `?path=`, `?format=`, `?published=` and the
/// media type of `Content-Type`.
struct LintRequest: Sendable {
    var text: String
    var path: String?
    var format: String?
    var published: String?

    /// The parser a raw body's media type names, when no path or format says otherwise.
    static let formatsByMediaType = ["text/html": "html", "application/xhtml+xml": "html",
                                     "text/markdown": "markdown", "text/x-markdown": "markdown", "text/plain": "text"]

    /// Reads a request body; fails with the reason a client is told (HTTP 400).
    static func read(body: Data, contentType: String?, query: [String: String]) -> Result<LintRequest, InputError> {
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var request = LintRequest(text: "", path: query["path"], format: query["format"], published: query["published"])
        if mediaType == "application/json" {
            switch JSONLinesInput.parse(String(decoding: body, as: UTF8.self)) {
            case .success(let article):
                request.text = article.text
                request.path = article.path ?? request.path
                request.format = article.format ?? request.format
                request.published = article.published ?? request.published
            case .failure(let failure):
                return .failure(InputError(failure.message == JSONLinesInput.notAnObject
                                           ? "the body is not a JSON object like {\"text\": \"…\"}" : failure.message))
            }
        } else {
            switch SourceReader.decode(body) {
            case .success(let text): request.text = text
            case .failure(let error): return .failure(error)
            }
            if request.path == nil, request.format == nil, let mediaType {
                request.format = formatsByMediaType[mediaType]
            }
        }
        return .success(request)
    }
}
