import CopydeskCore

/// Images that need no credit: logos, icons, tracking pixels, avatars, spacers.
enum ImageFilter {
    private static let markers = ["logo", "icon", "avatar", "pixel", "spacer", "blank.gif", "1x1", "badge", "sprite",
                                  "emoji", "gravatar", "headshot", "placeholder"]

    static func isDecorative(_ source: String) -> Bool {
        let lower = source.lowercasedFast()
        return lower.containsAnyBytes(markers) || lower.hasSuffix(".svg") || lower.hasPrefix("data:")
    }
}
