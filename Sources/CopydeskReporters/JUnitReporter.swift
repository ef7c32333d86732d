import CopydeskCore
import Foundation

/// JUnit XML (the Ant schema CI servers read): a test suite per file, a passing test case
/// per clean rule and a failing one per finding; an unreadable file is an errored test case.
public struct JUnitReporter: Reporter {
    public static let name = "junit"
    public static let summary = "JUnit XML: a suite per file, a case per rule, a failure per finding"

    public init() {}

    static func testCase(_ rule: String, _ path: String, _ body: String?) -> String {
        let head = "    <testcase name=\"\(xmlEscape(rule))\" classname=\"\(xmlEscape(path))\" time=\"0\""
        guard let body else { return head + "/>\n" }
        return head + ">\n      " + body + "\n    </testcase>\n"
    }

    public func render(_ report: RunReport) -> String {
        let timestamp: String = {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
            return f.string(from: Date())
        }()
        let ruleIDs = report.rules.map(\.id)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (index, file) in report.files.enumerated() {
            // the schema allows one failure a test case: a rule with findings gets a case per finding
            let byRule = Dictionary(grouping: file.diagnostics, by: \.rule)
            let rules = ruleIDs + byRule.keys.filter { !ruleIDs.contains($0) }.sorted()
            var cases: [String] = []
            if let error = file.error {
                cases.append(Self.testCase("input", file.path,
                                           "<error message=\"\(xmlEscape(error.message))\" type=\"input\"/>"))
            } else {
                for rule in rules {
                    guard let found = byRule[rule] else {
                        cases.append(Self.testCase(rule, file.path, nil))
                        continue
                    }
                    for d in found {
                        let text = "\(file.path):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue): \(d.message)"
                        cases.append(Self.testCase(rule, file.path, "<failure message=\"\(xmlEscape(d.message))\" "
                                                   + "type=\"\(d.severity.rawValue)\">\(xmlEscape(text))</failure>"))
                    }
                }
            }
            out += "  <testsuite package=\"copydesk\" id=\"\(index)\" name=\"\(xmlEscape(file.path))\" timestamp=\"\(timestamp)\" "
            out += "hostname=\"localhost\" tests=\"\(cases.count)\" failures=\"\(file.diagnostics.count)\" "
            out += "errors=\"\(file.error == nil ? 0 : 1)\" time=\"0\">\n    <properties/>\n"
            out += cases.joined()
            out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
