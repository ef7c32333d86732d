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
        defer { try? FileManager.default.removeItem(at: out) }
        let score = try Support.process("/usr/bin/env", [
            "python3", Support.shared.appendingPathComponent("tools/score.py").path, "--copydesk", Support.binary.path,
            "--corpus", dir.path, "--labels", dir.deletingLastPathComponent().appendingPathComponent(labels).path, "--json", out.path])
        #expect(score.code == 0, "score.py failed: \(score.err.suffix(500))")
        let data = try Data(contentsOf: out)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["result"] as? [String: Any]
    }

    static func rule(_ result: [String: Any], _ rendition: String, _ rule: String) -> (p: Double, r: Double) {
        let rules = (result[rendition] as? [String: Any])?["rules"] as? [String: [String: Any]]
        let t = rules?[rule] ?? [:]
        return ((t["precision"] as? Double) ?? 0, (t["recall"] as? Double) ?? 0)
    }

    /// Regression guards, not accuracy claims: what the checks reach today on the labelled pages
    /// their hand-written cues were written on (dev figures; a little below, for ties). A change
    /// that lowers one fails. Held-out figures are in `CreditModelTests` and `scripts/evaluate`.
    /// credit-missing in copied text reports nothing by default (its model reaches no held-out
    /// cut at the precision goal), hence recall 0 there.
    static let realFloors: [String: [String: (p: Double, r: Double)]] = [
        "txt": ["copyright-year-mismatch": (1.0, 1.0), "caption-duplicated": (1.0, 1.0), "credit-missing": (1.0, 0.0),
                "quote-unattributed": (1.0, 1.0)],
        "md": ["copyright-year-mismatch": (0.7, 0.7), "caption-duplicated": (1.0, 0.5), "credit-missing": (0.95, 0.95),
               "quote-unattributed": (1.0, 1.0)],
        "html": ["copyright-year-mismatch": (1.0, 1.0), "caption-duplicated": (1.0, 1.0), "credit-missing": (0.95, 0.95),
                 "quote-unattributed": (1.0, 1.0)],
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

    /// Injected defects found (or non-defects falsely flagged), per kind and rendition: floors as
    /// above (the nocredit variants are also training data of the credit-missing model). `unattr`
    /// is 0.97, not 1 (one miss in each rendition): one variant sets its quote after "(The family
    /// denies any involvement.)", a paraphrase that attributes the next paragraph's quote, as a
    /// reader would read it. Markdown's `nocredit` is 17/19: one caption is found no candidate, one
    /// scores under the model's Markdown cut, which moves when the model is refitted (`CreditModelTests`).
    static let mutantFloors: [String: [String: Double]] = [
        "txt": ["unattr": 0.97, "unattr2": 0.95, "capdup": 0.95, "cryear": 0.9, "nocredit": 0.0],
        "md": ["unattr": 0.97, "unattr2": 0.95, "capdup": 0.75, "cryear": 0.95, "nocredit": 0.85],
        "html": ["unattr": 0.97, "capdup": 0.9, "cryear": 1.0, "nocredit": 0.9],
    ]

    @Test func injectedDefectsAreFoundAndNonDefectsLeftAlone() throws {
        guard let result = try Self.score(corpus: "mutants", labels: "mutants/labels.jsonl") else { return }
        for rendition in Self.renditions {
            let injected = (result[rendition] as? [String: Any])?["injected"] as? [String: [String: Any]] ?? [:]
            #expect(!injected.isEmpty, "no injected variants scored for \(rendition)")
            for (kind, t) in injected {
                let n = Double(t["n"] as? Int ?? 0), hit = Double(t["hit"] as? Int ?? 0)
                guard n > 0 else { continue }
                if t["defect"] as? Bool == true {
                    let floor = Self.mutantFloors[rendition]?[kind] ?? 0.9
                    #expect(hit / n >= floor, "\(rendition) \(kind): found \(Int(hit))/\(Int(n)), floor \(floor)")
                } else {
                    #expect(hit == 0, "\(rendition) \(kind): \(Int(hit))/\(Int(n)) non-defects flagged")
                }
            }
        }
    }

    /// Silver floors on corpus/more, publishers the hand-written cues were not written on
    /// (`Training/silver_checks.py`): today's figures, a little below. Each pair is (found share,
    /// share of findings standing on a labelled thing).
    static let silverFloors: [String: [String: (found: Double, confirmed: Double)]] = [
        "txt": ["caption-duplicated": (0.25, 0.2), "copyright-year-mismatch": (0.8, 0.95)],
        "md": ["caption-duplicated": (0.7, 0.75)],
    ]

    /// Floors on `silver.py`'s caption measure over corpus/more: of the captions the markup marks,
    /// the share `copydesk parse` reports as figure captions (today's figures, a little below).
    static let captionFloors = ["txt": 0.67, "md": 0.88, "html": 0.81]

    @Test func captionsTheMarkupMarksAreRecognised() throws {
        guard let more = Support.corpus("more") else { return }
        let result = try Support.evaluation("silver.py", ["--corpus", more.path],
                                            folder: Support.shared.appendingPathComponent("tools")) as? [String: [String: Any]] ?? [:]
        for (rendition, floor) in Self.captionFloors {
            let recall = result[rendition]?["caption_recall"] as? Double ?? 0
            #expect(recall >= floor, "\(rendition): captions recognised \(recall), floor \(floor)")
        }
    }

    @Test func handWrittenChecksHoldOnPublishersTheyWereNotWrittenOn() throws {
        guard Support.corpus("more") != nil else { return }
        let result = try Support.evaluation("silver_checks.py") as? [String: [String: Int]] ?? [:]
        func share(_ a: String, _ b: String, _ t: [String: Int]) -> Double {
            guard let d = t[b], d > 0 else { return 0 }
            return Double(t[a] ?? 0) / Double(d)
        }
        for (rendition, rules) in Self.silverFloors {
            let t = result[rendition] ?? [:]
            for (rule, floor) in rules {
                let (found, confirmed) = rule == "caption-duplicated"
                    ? (share("repeats_found", "repeats", t), share("dup_on_captions", "dup_findings", t))
                    : (share("stale_found", "stale_pages", t), share("year_on_stale", "year_findings", t))
                #expect(found >= floor.found && confirmed >= floor.confirmed,
                        "\(rendition) \(rule): found \(found), confirmed \(confirmed); floors \(floor)")
            }
        }
    }
}
