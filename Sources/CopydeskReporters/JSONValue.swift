import Foundation

/// A JSON document with keys kept in the order written, for the JSON-based formats.
public enum JSONValue: Sendable {
    case object([(String, JSONValue?)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    /// A fraction such as a confidence, written with at most four decimals.
    case number(Double)
    case bool(Bool)

    /// Compact or indented JSON text. Keys whose value is nil are left out.
    public func render(indent: Bool = true) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out + "\n"
    }

    private func write(into out: inout String, level: Int, indent: Bool) {
        let pad = indent ? "\n" + String(repeating: "  ", count: level + 1) : ""
        let close = indent ? "\n" + String(repeating: "  ", count: level) : ""
        switch self {
        case .object(let pairs):
            let present = pairs.compactMap { key, value in value.map { (key, $0) } }
            guard !present.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in present.enumerated() {
                out += (i > 0 ? "," : "") + pad + Self.quote(key) + (indent ? ": " : ":")
                value.write(into: &out, level: level + 1, indent: indent)
            }
            out += close + "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += (i > 0 ? "," : "") + pad
                item.write(into: &out, level: level + 1, indent: indent)
            }
            out += close + "]"
        case .string(let s): out += Self.quote(s)
        case .int(let n): out += String(n)
        case .number(let x): out += Self.decimal(x)
        case .bool(let b): out += b ? "true" : "false"
        }
    }

    /// `x` rounded to four decimals, without trailing zeros ("0.8125", "1", "0").
    static func decimal(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = Int((x * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let whole = abs(scaled) / 10_000, fraction = abs(scaled) % 10_000
        guard fraction > 0 else { return sign + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return sign + String(whole) + "." + digits
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// XML text and attribute escaping.
func xmlEscape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n": out += "&#10;"
        case "\t": out += "&#9;"
        case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
            continue   // not allowed in XML 1.0
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
