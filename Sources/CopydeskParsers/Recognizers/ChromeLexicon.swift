import CopydeskCore
import Foundation

/// Lines of page chrome seen on real news pages: player controls, navigation,
/// promos, donation appeals, share buttons, caption expanders.
enum ChromeLexicon {
    private static let exact: Set<String> = Set(CaptionCues.expanders + [
        "play live radio", "next up:", "available on air stations", "more news", "sponsored message",
        "subscribe", "listen", "read more",
        "share", "tweet", "email", "facebook", "twitter", "linkedin", "pinterest", "reddit", "whatsapp", "print",
        "comments", "comment", "advertisement", "advertising", "close", "menu", "search", "sign in", "log in",
        "login", "sign up", "register", "home", "news", "sports", "opinion", "video", "videos", "photos",
        "related", "related stories", "related articles", "most popular", "most read", "trending", "recommended",
        "donate", "give now", "give today", "skip to content", "skip to main content", "back to top",
        "media playback is unsupported on your device", "loading...", "loading…", "copy link", "link copied",
        "show comments", "view comments", "newsletter", "sign up for our newsletter", "follow us", "shares",
        "more on:", "tags:", "topics:", "filed under:", "you may also like", "watch", "watch live", "live",
        "privacy policy", "terms of use", "terms of service", "contact us", "about us", "site map", "sitemap",
        "cookie policy", "all rights reserved", "x", "×", "+", "-", "|", "•", "more", "next", "previous",
    ])
    private static let prefixes = [
        "support nonprofit", "originally published on", "click here", "click to share", "share this",
        "share on", "follow us on", "sign up for", "subscribe to", "get the latest", "read more:", "read more ",
        "more news", "advertisement", "sponsored", "this story has been shared", "we rely on", "donate",
        "listen to this article", "listen ·", "audio:", "watch:", "video:", "related:", "see also:", "read next",
        "recommended for you", "don't miss", "most popular", "you might also like", "please enable javascript",
        "this content is not available", "this article was originally published",
    ]
    private static let playerTime = try! NSRegularExpression(pattern: "^(?:\\d{1,2}:)?\\d{1,2}:\\d\\d(?:\\s*/?\\s*(?:\\d{1,2}:)?\\d{1,2}:\\d\\d)*$")

    /// The longest entry of `exact`, in UTF-8 bytes.
    private static let longestExact = exact.map(\.utf8.count).max() ?? 0

    /// Whether a line is chrome by its words alone.
    ///
    /// Lower-casing a long line costs more than the rest: it is done only where it can decide.
    /// Lower-casing shrinks text to a third of its bytes at most (the Kelvin sign, 3 bytes, becomes
    /// "k"), and it maps the first characters of a line to the first of its lower-case form.
    static func isChrome(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces()
        if trimmed.isEmpty { return false }
        if trimmed.utf8.count <= 3 * longestExact, exact.contains(trimmed.lowercasedFast()) { return true }
        let head = String(trimmed.prefix(48)).lowercased()
        if prefixes.contains(where: { head.hasPrefix($0) }), trimmed.lowercased().count < 90 { return true }
        // a player's clock ("1:02 / 3:45") starts with a digit: the pattern runs only then
        if trimmed.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true {
            let lower = trimmed.lowercased()
            if playerTime.firstMatch(in: lower, range: NSRange(location: 0, length: lower.utf16.count)) != nil { return true }
        }
        // mis-decoded UTF-8 ("â€™"), in either case
        return trimmed.containsBytes("â€") || trimmed.containsBytes("Â€")
    }
}
