import CopydeskCore
import Foundation
import Testing

/// `JSONReader`, which reads the credit model at start-up: it agrees with Foundation's parser on
/// what JSON says and refuses what is not JSON, naming where.
@Suite struct JSONReaderTests {
    /// The reader's value as Foundation's untyped one, to compare the two parsers.
    static func foundation(_ node: JSONNode) -> NSObject {
        switch node {
        case .object(let members): NSDictionary(dictionary: Dictionary(members.map { ($0.key, foundation($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case .array(let items): NSArray(array: items.map(foundation))
        case .string(let s): NSString(string: s)
        case .number(let n): NSNumber(value: n)
        case .bool(let b): NSNumber(value: b)
        case .null: NSNull()
        }
    }

    static func agree(_ text: String) throws {
        let ours = foundation(try JSONReader.parse(text))
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject
        #expect(ours == theirs, "\(text)")
    }

    @Test func agreesWithFoundationOnTheShippedModel() throws {
        let text = try String(contentsOf: Support.root.appendingPathComponent("Resources/models/credit-missing.json"), encoding: .utf8)
        try Self.agree(text)
    }

    @Test func agreesWithFoundationOnEveryKindOfValue() throws {
        try Self.agree(#"{"a": [1, -0.5, 2e3, 1E-2, 0, true, false, null], "b": {"c": {}}, "d": []}"#)
        try Self.agree(#" "tab\tquote\"slash\/back\\ é \u00e9 \ud83d\udcf7 \n" "#)
        try Self.agree("[\n  123456789012, -7\r\n]")
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9), ("[1 2]", 1, 4), ("{\"a\" 1}", 1, 6), ("\"open", 1, 6), ("01", 1, 3),
        ("[1.]", 1, 4), ("-", 1, 2), ("tru", 1, 4), ("{\n  \"a\": x\n}", 2, 8), ("\"\\q\"", 1, 4),
        ("\"\\u12g4\"", 1, 4), ("\"\\ud83d\\u0041\"", 1, 14), ("[1] [2]", 1, 5), ("", 1, 1), ("\"a\u{1}\"", 1, 4),
    ])
    func refusesWhatIsNotJSONAndSaysWhere(text: String, line: Int, column: Int) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(text) }
        do {
            _ = try JSONReader.parse(text)
        } catch {
            #expect((error.line, error.column) == (line, column), "\(text): \(error)")
        }
    }

    @Test func refusesNestingTooDeepToRead() {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func aBrokenModelFileIsRefusedWithItsPosition() {
        #expect {
            try LogisticModel.decode("{\n \"target\": \"t\",\n \"bias\": 1,,\n}", source: "model.json")
        } throws: { error in
            "\(error)".hasPrefix("model.json: not a model file (line 3, column 12:")
        }
        #expect {
            try LogisticModel.decode(#"{"target": "t", "bias": "1", "features": [], "thresholds": {}}"#, source: "m.json")
        } throws: { error in
            "\(error)" == "m.json: not a model file ('bias' must be a number)"
        }
    }
}
