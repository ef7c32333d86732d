import Foundation

/// schema.org metadata from `<script type="application/ld+json">` blocks.
///
/// Finds the article object (`NewsArticle`, `Article`, `ReportageNewsArticle`, …) inside
/// `@graph`, arrays, or several script blocks; broken JSON is skipped, never fatal.
struct JSONLD {
    var datePublished: String?
    var headline: String?
    var authors: [String] = []
    var publisher: String?
    var copyrightYear: Int?
    var copyrightHolder: String?
    var copyrightNotice: String?
    /// Image captions and credits, by image URL when known.
    var images: [(url: String?, caption: String?, credit: String?)] = []

    private static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BlogPosting", "LiveBlogPosting", "Report", "BackgroundNewsArticle", "ReviewNewsArticle", "WebPage",
    ]

    /// Reads one script block's text; returns false when it is not valid JSON.
    @discardableResult
    mutating func read(_ text: String) -> Bool {
        guard let data = text.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return false }
        visit(json)
        return true
    }

    private mutating func visit(_ json: Any) {
        if let list = json as? [Any] {
            list.forEach { visit($0) }
            return
        }
        guard let object = json as? [String: Any] else { return }
        if let graph = object["@graph"] { visit(graph) }
        let types = Self.strings(object["@type"])
        if types.contains(where: { Self.articleTypes.contains($0) }) {
            let isPage = types == ["WebPage"]
            if datePublished == nil || (!isPage && headline == nil), let date = object["datePublished"] as? String {
                datePublished = date
            }
            if !isPage {
                headline = headline ?? object["headline"] as? String
                if authors.isEmpty { authors = Self.names(object["author"]) }
                publisher = publisher ?? Self.names(object["publisher"]).first
                if let y = object["copyrightYear"] {
                    copyrightYear = copyrightYear ?? ((y as? Int) ?? (y as? String).flatMap { Int($0) })
                }
                copyrightHolder = copyrightHolder ?? Self.names(object["copyrightHolder"]).first
                copyrightNotice = copyrightNotice ?? object["copyrightNotice"] as? String
                readImages(object["image"])
            }
        } else if types.contains("ImageObject") {
            readImages(object)
        }
    }

    private mutating func readImages(_ value: Any?) {
        if let list = value as? [Any] {
            list.forEach { readImages($0) }
        } else if let image = value as? [String: Any] {
            let credit = (image["creditText"] as? String) ?? Self.names(image["creator"]).first
                ?? (image["copyrightNotice"] as? String) ?? Self.names(image["copyrightHolder"]).first
            let caption = (image["caption"] as? String) ?? (image["description"] as? String)
            if caption != nil || credit != nil {
                images.append((image["url"] as? String ?? image["contentUrl"] as? String, caption, credit))
            }
        }
    }

    private static func strings(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func names(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        if let o = value as? [String: Any] { return strings(o["name"]) }
        return (value as? [Any])?.flatMap { names($0) } ?? []
    }
}
