import Copydesk
import Foundation
import Testing

/// The real published pages in ../shared/corpus: every rendition parses, and the
/// shared scorer's figures stay at or above the floors reached so far.
@Suite struct CorpusTests {
    static let renditions = ["txt", "md", "html"]

    @Test(arguments: renditions) func everyRealPageParses(_ rendition: String) throws {
        guard let dir = Support.corpus("real") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix("." + rendition) }
        #expect(files.count >= 60)
        for name in files {
            let report = Support.linter.lint(file: dir.appendingPathComponent(name).path)
            #expect(report.error == nil, "\(name): \(report.error?.message ?? "")")
        }
    }

    /// Runs ../shared/tools/score.py on the built binary and returns its JSON result.
    static func score(corpus: String, labels: String) throws -> [String: Any]? {
        guard let dir = Support.corpus(corpus) else { return nil }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString).json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Support.shared.appendingPathComponent("tools/score.py").path,
                             "--copydesk", Support.binary.path, "--corpus", dir.path,
                             "--labels", dir.deletingLastPathComponent().appendingPathComponent(labels).path, "--json", out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "score.py failed")
        let data = try Data(contentsOf: out)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["result"] as? [String: Any]
    }

    static func rule(_ result: [String: Any], _ rendition: String, _ rule: String) -> (p: Double, r: Double) {
        let rules = (result[rendition] as? [String: Any])?["rules"] as? [String: [String: Any]]
        let t = rules?[rule] ?? [:]
        return ((t["precision"] as? Double) ?? 0, (t["recall"] as? Double) ?? 0)
    }

    /// Floors: what the checks reach on the labelled pages today; a change that lowers one fails.
    static let realFloors: [String: [String: (p: Double, r: Double)]] = [
        "txt": ["copyright-year-mismatch": (0.8, 0.7), "caption-duplicated": (0.5, 0.5), "credit-missing": (0.0, 0.0),
                "quote-unattributed": (0.0, 1.0)],
        "md": ["copyright-year-mismatch": (0.5, 0.5), "caption-duplicated": (0.0, 0.0), "credit-missing": (0.1, 0.8),
               "quote-unattributed": (0.0, 1.0)],
        "html": ["copyright-year-mismatch": (0.8, 0.8), "caption-duplicated": (0.7, 0.7), "credit-missing": (0.0, 0.2),
                 "quote-unattributed": (0.0, 1.0)],
    ]

    @Test func labelledRealPagesStayAboveTheFloors() throws {
        guard let result = try Self.score(corpus: "real", labels: "labels/dev.jsonl") else { return }
        for (rendition, rules) in Self.realFloors {
            for (rule, floor) in rules {
                let got = Self.rule(result, rendition, rule)
                #expect(got.p >= floor.p && got.r >= floor.r,
                        "\(rendition) \(rule): P=\(got.p) R=\(got.r), floor P=\(floor.p) R=\(floor.r)")
            }
        }
    }
}
