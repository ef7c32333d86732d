/// A JSON value read by `JSONReader`.
public enum JSONNode: Sendable {
    case object([(key: String, value: JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The value of `key` in an object (the first, if repeated); nil for other values.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// Reads JSON text (RFC 8259) from its UTF-8 bytes into typed values.
///
/// For data files read at start-up (the credit model): Foundation's `JSONSerialization` costs
/// half a millisecond on its first use, and its untyped values as much again in dynamic casts.
public struct JSONReader {
    /// Why the text is not JSON, and where (1-based line and column, in bytes).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Nesting deeper than this is refused rather than overflowing the stack.
    static let maxDepth = 512

    private let bytes: [UInt8]
    private var i = 0

    /// Parses one JSON value that fills `text`, white space around it allowed.
    public static func parse(_ text: String) throws(Failure) -> JSONNode {
        var reader = JSONReader(bytes: Array(text.utf8))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.i == reader.bytes.count else { throw reader.failure("text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure {
        let before = bytes[..<min(i, bytes.count)]
        let line = before.count(where: { $0 == 0x0A }) + 1
        let column = i - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return Failure(message: message, line: line, column: column)
    }

    private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    private mutating func expect(_ literal: String) throws(Failure) {
        for b in literal.utf8 {
            guard current == b else { throw failure("expected '\(literal)'") }
            i += 1
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONNode {
        guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth)") }
        switch current {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, value: JSONNode)] = []
            skipSpace()
            if current == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
                let key = try string()
                skipSpace()
                try expect(":")
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if current == UInt8(ascii: ",") { i += 1; continue }
                try expect("}")
                return .object(members)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if current == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if current == UInt8(ascii: ",") { i += 1; continue }
                try expect("]")
                return .array(items)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case .some(let b) where b == UInt8(ascii: "-") || (0x30...0x39).contains(b): return .number(try number())
        case .some: throw failure("expected a value")
        case .none: throw failure("the text ends where a value should be")
        }
    }

    /// JSON's number grammar, checked, then read by the standard library.
    private mutating func number() throws(Failure) -> Double {
        let start = i
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.i
            while let b = reader.current, (0x30...0x39).contains(b) { reader.i += 1 }
            return reader.i - from
        }
        if current == UInt8(ascii: "-") { i += 1 }
        let whole = digits(&self)
        guard whole > 0, !(whole > 1 && bytes[i - whole] == 0x30) else { throw failure("not a number") }
        if current == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw failure("expected digits after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            i += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw failure("expected the exponent's digits") }
        }
        guard let n = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw failure("not a number") }
        return n
    }

    /// A string, its escapes resolved; `i` stands on the opening quote.
    private mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard let b = current else { throw failure("the string is not closed") }
            i += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = current else { throw failure("the string is not closed") }
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes[i...].starts(with: "\\u".utf8) {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate") }
                        code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("a lone surrogate") }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: throw failure("an unknown escape")
                }
            case 0..<0x20: throw failure("a control character in a string")
            default: out.append(b)
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count, bytes[i..<i + 4].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
              let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw failure("expected four hex digits")
        }
        i += 4
        return code
    }
}
