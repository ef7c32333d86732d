import CopydeskCore
import Foundation

/// `credit-presence`: figures (photos, videos, graphics, embeds) with no credit.
///
/// Parsers recognise credits (`Name/Agency`, `(AP Photo/…)`, `Photo: …`, credit
/// elements, image titles, front matter); this check reports the figures left
/// without one. `agencies` adds names that count as a credit when the caption
/// contains them (a newsroom's own "Staff Photo", say). Images with no visible
/// caption (only alt text or a file name) are judged only with `captionless: true`.
public struct CreditPresenceCheck: CheckKind {
    public static let name = "credit-presence"
    public static let summary = "Every photo, video, graphic or embed needs a credit (photographer and/or agency)."
    public static let fixable = false

    /// Lower-cased.
    let agencies: [String]
    let captionless: Bool

    public init(params: RuleParams) throws {
        try params.allowOnly(["agencies", "captionless"])
        agencies = (try params.strings("agencies") ?? []).map { $0.lowercased() }
        captionless = try params.bool("captionless") ?? false
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        return article.figures.compactMap { figure in
            if let credit = figure.credit, !credit.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            let caption = figure.caption.map { article.blocks[$0].text }
            if caption == nil, !captionless { return nil }
            if let caption, !agencies.isEmpty, agencies.contains(where: caption.lowercased().containsBytes) { return nil }
            let excerpt = caption ?? figure.alt ?? figure.source.map { String($0.split(separator: "/").last ?? "") } ?? "figure"
            return Finding(range: figure.location, excerpt: excerpt,
                           values: ["media": figure.media.rawValue, "caption": excerptText(excerpt, limit: 80)])
        }
    }
}
