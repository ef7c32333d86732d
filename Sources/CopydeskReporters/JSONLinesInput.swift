import CopydeskCore
import Foundation

/// One article of a JSON Lines stream (`--input jsonl`): `{"id", "path", "format", "text", "published"}`,
/// of which only `text` is required.
public struct JSONLinesInput: Sendable, Decodable {
    /// An article's id, echoed on its result line: a string or an integer.
    public enum ID: Sendable, Equatable, Decodable {
        case string(String)
        case int(Int)

        public init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let n = try? value.decode(Int.self) { self = .int(n); return }
            self = .string(try value.decode(String.self))
        }
    }

    public var id: ID?
    public var path: String?
    public var format: String?
    public var text: String
    public var published: String?

    /// Why a line is not an article, with the id when the line had a readable one.
    public struct Failure: Error {
        public var id: ID?
        public var message: String
    }

    /// The message for a line that is not JSON at all.
    public static let notAnObject = "not a JSON object"

    private struct IDOnly: Decodable { var id: ID? }

    /// Reads one line of the stream.
    public static func parse(_ line: String) -> Result<JSONLinesInput, Failure> {
        let data = Data(line.utf8)
        do {
            return .success(try JSONDecoder().decode(JSONLinesInput.self, from: data))
        } catch let error as DecodingError {
            let id = (try? JSONDecoder().decode(IDOnly.self, from: data))?.id
            switch error {
            case .keyNotFound(let key, _): return .failure(Failure(id: id, message: "'\(key.stringValue)' is missing"))
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                let key = context.codingPath.first?.stringValue ?? "the line"
                return .failure(Failure(id: id, message: key == "id" ? "'id' must be a string or an integer" : "'\(key)' must be a string"))
            default: return .failure(Failure(id: id, message: notAnObject))
            }
        } catch {
            return .failure(Failure(id: nil, message: notAnObject))
        }
    }
}
