/// Guesses the format of an article that comes with no file name (standard input without
/// `--stdin-filename`), from how it opens, as `file(1)` and editors do.
public enum FormatSniffer {
    /// Tags an HTML page or fragment opens with.
    static let htmlOpenings = ["<!doctype html", "<html", "<head", "<body", "<article", "<main", "<div", "<p>", "<p ", "<section",
                               "<h1", "<figure", "<meta", "<!--"]

    /// `html` when the text opens (after white space and a byte-order mark) with a doctype or an
    /// HTML tag; `markdown` when it opens with front matter or an ATX heading, or holds a Markdown
    /// image or link in its first 4 KiB; `text` otherwise.
    public static func format(of text: String) -> String {
        let head = String(text.prefix(4096)).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if htmlOpenings.contains(where: head.hasPrefix) { return "html" }
        if head.hasPrefix("---\n") || head.hasPrefix("---\r") || head.hasPrefix("# ") || head.hasPrefix("## ") { return "markdown" }
        if head.contains("](") && (head.contains("![") || head.contains("[")) { return "markdown" }
        return "text"
    }
}
