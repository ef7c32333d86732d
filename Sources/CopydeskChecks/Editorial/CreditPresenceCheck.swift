import CopydeskCore
import Foundation

/// `credit-presence`: figures (photos, videos, graphics, embeds) with no credit.
///
/// Parsers recognise credits (`Name/Agency`, `(AP Photo/…)`, `Photo: …`, credit
/// elements, image titles, front matter); this check weighs each figure left without
/// one with a model learned from labelled pages (`CreditEvidence` says what it looks at)
/// and reports it when the model's confidence reaches `min_confidence` (by default the
/// threshold chosen on held-out publishers). `agencies` adds names that count as a credit
/// when the caption contains them (a newsroom's own "Staff Photo", say). Images with no
/// visible caption (only alt text or a file name) are judged only with `captionless: true`; a
/// picture captioned only with the name of one of the article's authors is their portrait, and a
/// caption giving an email address names whom to ask about the picture: neither is judged.
/// `model` names another model file (a path), as the evaluation script does for each fold.
public struct CreditPresenceCheck: CheckKind {
    public static let name = "credit-presence"
    public static let summary = "Every photo, video, graphic or embed needs a credit (photographer and/or agency)."
    public static let fixable = false

    /// Where the shipped model is embedded.
    static let modelPath = "Resources/models/credit-missing.json"

    /// The shipped model, decoded once per process.
    static let shipped: Result<LogisticModel, ModelError> = Result {
        guard let text = EmbeddedResources.text(of: modelPath) else {
            throw ModelError("\(modelPath) is not embedded in this build")
        }
        return try LogisticModel.decode(text, source: modelPath)
    }.mapError { $0 as? ModelError ?? ModelError("\($0)") }

    /// Lower-cased.
    let agencies: [String]
    let captionless: Bool
    let model: LogisticModel
    /// The user's `min_confidence`; nil: the model's threshold for the article's format.
    let minConfidence: Double?

    public init(params: RuleParams) throws {
        try params.allowOnly(["agencies", "captionless", "min_confidence", "model"])
        agencies = (try params.strings("agencies") ?? []).map { $0.lowercased() }
        captionless = try params.bool("captionless") ?? false
        do {
            if let path = try params.string("model") {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                model = try LogisticModel.decode(text, source: path)
                try model.requireFeatures(CreditEvidence.names, source: path)
            } else {
                model = try Self.shipped.get()
                try model.requireFeatures(CreditEvidence.names, source: Self.modelPath)
            }
        } catch let error as ModelError {
            throw params["model"].map { ParamError(error.description, at: $0) } ?? ParamError(error.description, at: params.location)
        } catch {
            throw ParamError("cannot read the model: \(error.localizedDescription)", at: params["model"])
        }
        minConfidence = try params.double("min_confidence")
        if let minConfidence, !(0...1).contains(minConfidence) {
            throw ParamError("min_confidence must be between 0 and 1", at: params["min_confidence"])
        }
    }

    /// Whether a caption is only the name of one of the article's authors: the author's portrait
    /// beside the byline or the biography, the publication's own picture, not a news photo.
    static func namesAnAuthor(_ caption: String, _ article: Article) -> Bool {
        guard !article.authors.isEmpty else { return false }
        let name = caption.trimmingSpaces().trimming(charactersIn: " .").lowercased()
        return article.authors.contains { $0.trimmingSpaces().lowercased() == name }
    }

    /// Whether a caption gives an email address ("… Jacob Doe, jacob@example.com", a writer's box
    /// "… Email: jdoe@example.com"): it names whom to ask about the picture, its owner or its writer.
    static func givesAnEmailAddress(_ caption: String) -> Bool {
        guard caption.containsBytes("@") else { return false }
        return caption.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," || $0 == "(" || $0 == ")" }).contains { word in
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, let local = parts.first, !local.isEmpty else { return false }
            let domain = parts[1].trimming(charactersIn: ".")
            return domain.contains(".") && domain.split(separator: ".").allSatisfy { !$0.isEmpty }
        }
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let threshold = minConfidence ?? model.threshold(for: article.format)
        return article.figures.compactMap { figure in
            if let credit = figure.credit, !credit.trimmingSpaces().isEmpty { return nil }
            // a caption expander alone ("toggle caption") is no visible caption
            let caption = figure.caption.map { article.blocks[$0].text }.flatMap { CaptionCues.isExpanderOnly($0) ? nil : $0 }
            if caption == nil, !captionless { return nil }
            if let caption, Self.namesAnAuthor(caption, article) || Self.givesAnEmailAddress(caption) { return nil }
            if let caption, !agencies.isEmpty, agencies.contains(where: caption.lowercased().containsBytes) { return nil }
            let evidence = CreditEvidence.features(of: figure, in: article)
            let confidence = model.probability(evidence)
            guard confidence >= threshold else { return nil }
            let excerpt = caption ?? figure.alt ?? figure.source.map { String($0.split(separator: "/").last ?? "") } ?? "figure"
            // the credit belongs at the end of the caption: point there, and at the image beside it
            var range = figure.location
            var related: [RelatedLocation] = []
            if caption != nil, let block = figure.caption {
                range = article.blocks[block].range
                if range != figure.location { related = [RelatedLocation(range: figure.location, message: "the \(figure.media.rawValue)")] }
            }
            return Finding(range: range, excerpt: caption ?? "",
                           values: ["media": figure.media.rawValue, "caption": excerptText(excerpt, limit: 80)], related: related,
                           confidence: confidence, evidence: evidence)
        }
    }
}
