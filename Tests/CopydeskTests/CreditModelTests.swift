import Copydesk
import Foundation
import Testing

/// The learned credit-missing model: what the binary computes matches the shipped model file,
/// `min_confidence` trades recall for precision, and the held-out figures stay above their floors.
@Suite struct CreditModelTests {
    /// A captioned photo with no credit anywhere, written for this test.
    static let story = """
        # Storm Floods Riverside Homes

        ![Sandbags on Main Street](sandbags.jpg)

        *Volunteers stack sandbags outside the library on Main Street on Sunday.*

        The river crested at nine feet overnight, the highest level in a decade.

        """

    static func lint(confidence: String?, story: String = story) throws -> [[String: Any]] {
        let dir = try Support.temporaryFolder()
        try Data(story.utf8).write(to: dir.appendingPathComponent("story.md"))
        var args = ["lint", "--format", "json", "story.md"]
        if let confidence {
            try Data("version: 1\nrules:\n  credit-missing: {params: {min_confidence: \(confidence)}}\n".utf8)
                .write(to: dir.appendingPathComponent("cfg.yml"))
            args += ["--config", "cfg.yml"]
        }
        let result = try Support.run(args, in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        return (files.first?["diagnostics"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "credit-missing" }
    }

    static func shippedModel() throws -> [String: Any] {
        let url = Support.root.appendingPathComponent("Resources/models/credit-missing.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    @Test func confidenceIsTheShippedModelAppliedToTheReportedEvidence() throws {
        let model = try Self.shippedModel()
        let features = model["features"] as? [[String: Any]] ?? []
        #expect(!features.isEmpty, "the shipped model has no features")
        let finding = try #require(try Self.lint(confidence: "0").first)
        let evidence = try #require(finding["evidence"] as? [String: Double])
        var z = model["bias"] as? Double ?? .nan
        for f in features {
            let name = f["name"] as? String ?? ""
            let value = try #require(evidence[name], "the model's feature \(name) is not in the evidence")
            z += (f["weight"] as? Double ?? 0) * (value - (f["mean"] as? Double ?? 0)) / (f["scale"] as? Double ?? 1)
        }
        let expected = 1 / (1 + exp(-z))
        let got = try #require(finding["confidence"] as? Double)
        // evidence is printed with four decimals, so allow for that rounding
        #expect(abs(got - expected) < 0.01, "binary says \(got), the model file gives \(expected)")
    }

    /// A picture captioned with only the name of one of the article's authors is the author's
    /// portrait, no news photo: never a candidate, while the same name under an article by someone
    /// else is one.
    @Test func anAuthorsPortraitNeedsNoCredit() throws {
        let byline = "---\nauthor: \"Ann Lee\"\n---\n\n"
        let portrait = "![Ann Lee](ann-lee.jpg)\n\n*Ann Lee*\n\nAnn Lee covers the harbor and the council for the paper.\n"
        #expect(try Self.lint(confidence: "0", story: Self.story + portrait).count == 2)
        #expect(try Self.lint(confidence: "0", story: byline + Self.story + portrait).count == 1)
    }

    /// A caption giving an email address names whom to ask about the picture (its photographer's
    /// contact, a writer's box): not judged; a handle alone is no address.
    @Test func aCaptionGivingAnEmailAddressIsNotJudged() throws {
        let contact = "![](lodge.jpg)\n\n*The lodge reopened after a long restoration. Ann Lee, ann@example.com*\n\nText.\n"
        let handle = "![](lodge.jpg)\n\n*The lodge reopened after a long restoration, said @annlee on Sunday.*\n\nText.\n"
        #expect(try Self.lint(confidence: "0", story: Self.story + contact).count == 1)
        #expect(try Self.lint(confidence: "0", story: Self.story + handle).count == 2)
    }

    @Test func minConfidenceTradesRecallForPrecision() throws {
        #expect(try Self.lint(confidence: "0").count == 1)
        #expect(try Self.lint(confidence: "1").isEmpty)
        let threshold = (try Self.shippedModel()["thresholds"] as? [String: Double])?["markdown"] ?? 1
        let confidence = try Self.lint(confidence: "0").first?["confidence"] as? Double ?? 0
        #expect(try Self.lint(confidence: nil).count == (confidence >= threshold ? 1 : 0))
    }

    @Test func aConfidenceOutsideZeroToOneIsAConfigErrorAtItsLine() throws {
        let dir = try Support.temporaryFolder()
        try Data(Self.story.utf8).write(to: dir.appendingPathComponent("story.md"))
        try Data("version: 1\nrules:\n  credit-missing:\n    params: {min_confidence: 1.5}\n".utf8)
            .write(to: dir.appendingPathComponent("cfg.yml"))
        let result = try Support.run(["lint", "--config", "cfg.yml", "story.md"], in: dir)
        #expect(result.code == 2)
        #expect(result.err.contains("cfg.yml:4:") && result.err.contains("min_confidence must be between 0 and 1"), "\(result.err)")
    }

    /// Held-out floors: each fold's publishers are scored by a model and thresholds fitted
    /// without them (`Training/credit_model.py evaluate`, the measure of record), a little below
    /// today's figures (txt 0.55 / 0.35, md 0.89 / 0.91, html 0.92 / 0.93). A change that lowers one
    /// fails. In copied text four folds of five find a cut worth reporting at; the model fitted on
    /// every publisher finds none, so the shipped check reports nothing there. The cuts move with
    /// the few candidates each fold has: two wrong HTML candidates fewer (2026-12-04) moved HTML's
    /// held-out figures from 0.91 / 0.965 to 0.92 / 0.93.
    /// Each fold's cut maximises the worth of what it reports (`logistic.choose_threshold`), which
    /// keeps Markdown's cuts within 0.63–0.80 where the lowest cut reaching a precision spread them
    /// from 0.19 to 1.0 and its held-out recall read 0.40, 0.87, 0.85 and 0.63 over four commits.
    static let heldOutPrecisionFloor = ["txt": 0.5, "md": 0.85, "html": 0.88]
    static let heldOutRecallFloor = ["txt": 0.25, "md": 0.85, "html": 0.9]
    /// Floors on every candidate reported (no model, no cut): how well the parsers' recognition
    /// alone leaves only uncredited captions. Steadier than the cut: a recogniser that loses a
    /// credit, or takes more chrome for captions, fails here (today 0.63 / 0.88, 0.76 / 0.99, 0.89 / 0.98).
    static let allReportedPrecisionFloor = ["txt": 0.6, "md": 0.72, "html": 0.86]
    static let allReportedRecallFloor = ["txt": 0.85, "md": 0.95, "html": 0.95]
    /// Findings on figures whose credit the markup marks, over all findings on corpus/more
    /// (held out today: Markdown 0 of 42, HTML 1 of 48).
    static let sureFalseCeiling = ["txt": 0.03, "md": 0.035, "html": 0.04]

    @Test func heldOutFiguresStayAboveTheFloors() throws {
        guard Support.corpus("more") != nil, Support.corpus("real") != nil else { return }
        let result = try Support.evaluation("credit_model.py", ["evaluate"]) as? [String: Any]
        let heldout = try #require(result?["heldout"] as? [String: [String: Any]])
        for rendition in ["txt", "md", "html"] {
            let t = heldout[rendition] ?? [:]
            let r = t["recall"] as? Double ?? 0
            let sure = t["sure_false_share"] as? Double ?? 1
            if let p = t["precision"] as? Double {
                #expect(p >= Self.heldOutPrecisionFloor[rendition]!, "\(rendition): held-out precision \(p)")
            } else {
                #expect(r == 0, "\(rendition): recall without precision")
            }
            #expect(r >= Self.heldOutRecallFloor[rendition]!, "\(rendition): held-out recall \(r)")
            #expect(sure <= Self.sureFalseCeiling[rendition]!, "\(rendition): \(sure) of findings on marked-up credits")
        }
        let everything = try #require(result?["all_reported"] as? [String: [String: Any]])
        for rendition in ["txt", "md", "html"] {
            let t = everything[rendition] ?? [:]
            let p = t["precision"] as? Double ?? 0, r = t["recall"] as? Double ?? 0
            #expect(p >= Self.allReportedPrecisionFloor[rendition]!, "\(rendition): every candidate reported, precision \(p)")
            #expect(r >= Self.allReportedRecallFloor[rendition]!, "\(rendition): every candidate reported, recall \(r)")
        }
    }
}
