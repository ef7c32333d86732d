import Foundation

/// Signs that a paragraph is a photo caption even where no figure frames it: caption
/// text inlined into a body by a scraper, or a caption line in copied text whose credit
/// is missing.
public enum CaptionCues {
    /// The controls a page sets by a picture to show, hide or enlarge its caption: no part of it
    /// (`Resources/lexicons/caption-expanders.txt`).
    public static let expanders = Lexicon.named("caption-expanders").entries()

    /// Labels that open a caption ("Media caption …", "Above: …").
    static let labels = ["media caption", "image caption", "caption:"] + expanders
        + ["above:", "pictured:", "top:", "pictured above", "pictured left", "pictured right", "pictured from left"]

    private static let expanderLetters = Set(expanders.map { $0.filter(\.isLetter) })

    /// Whether `text` is only a caption expander ("toggle caption", "HIDE CAPTION –"): no caption at all.
    public static func isExpanderOnly(_ text: String) -> Bool {
        text.utf8.count <= 40 && expanderLetters.contains(text.lowercased().filter(\.isLetter))
    }

    /// The labels a broadcaster's page sets before a picture's or video's caption; what stands
    /// before them (a player's notice, "Image copyright Reuters") is no part of the caption.
    public static let mediaLabels = ["media caption", "image caption"]

    /// The notice a video player leaves before its caption when it cannot play.
    public static let playerNotice = "media playback is unsupported on your device"

    /// The first bytes of `labels` and of `playerNotice`.
    private static let labelInitials = Set((labels + [playerNotice]).compactMap(\.utf8.first))

    /// Whether `text` opens with a caption's label, after a video player's notice if any.
    public static func isLabelled(_ text: String) -> Bool {
        // a label, or the player's notice, opens with one of these letters; a non-ASCII first letter
        // lower-cases to no ASCII one that could open them
        if let first = text.utf8.first, first < 0x80, !labelInitials.contains(first.asciiLowercased) {
            return false
        }
        var head = String(text.prefix(24 + playerNotice.count)).lowercasedFast()
        if head.hasPrefix(playerNotice) { head = String(head.dropFirst(playerNotice.count).drop(while: { $0 == " " })) }
        let opening = String(head.prefix(24))
        return labels.contains(where: opening.hasPrefixComparingBytes)
    }

    /// Words that say a paragraph describes a picture: "(pictured)", "file photo", "poses for a photo".
    private static let pictureWords = try! NSRegularExpression(pattern: """
        \\((?:pictured|left|right|center|centre|above|top|bottom|l-r|r-l|from left)\\)|\\bpictured\\b|\\bfile (?:photo|image)\\b|\
        \\bin this (?:\\w+ )?(?:photo|image|picture)\\b|\\b(?:from left|left to right)\\b|\\bpose[sd]? for (?:a )?(?:photo|picture|portrait)|\
        \\ban artist'?s? (?:illustration|impression|rendering|concept)\\b|\\bthis (?:photo|image|picture|screenshot)\\b
        """, options: .caseInsensitive)

    /// A month, abbreviated or not, then a day and a full year: "Nov. 19, 2019", "November 19, 2019".
    private static let fullDate = "(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2},\\s+(?:19|20)\\d\\d"
    private static let weekday = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

    /// The agencies' caption formulas, which date the scene: AP's weekday and full date
    /// ("…, Tuesday, Nov. 19, 2019"), a scene closing on its date ("…, Gaza, on Nov. 5, 2023."),
    /// Getty's date then place ("… on November 19, 2019 in Los Angeles, California").
    private static let sceneDate = try! NSRegularExpression(pattern: """
        ,\\s+(?:on\\s+)?\(weekday),\\s+\(fullDate)\\b|,\\s+on\\s+\(fullDate)\\.?$|\\bon\\s+\(fullDate),?\\s+in\\s+\\p{Lu}
        """)

    /// The stamp a video player shows under its description: "(Published Monday, Nov. 18, 2019)".
    private static let videoStamp = try! NSRegularExpression(pattern: "\\(Published\\s+(?:\(weekday),\\s+)?\(fullDate)\\)$")

    /// Whether `text` is, or ends with, a video's publication stamp: the text before it (or the
    /// paragraph above a lone stamp) describes the video.
    private static func hasVideoStamp(_ text: String) -> Bool {
        text.hasSuffix(")") && text.containsBytes("(Published ")
            && videoStamp.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    /// A reporter's or reader's voice: captions speak in the third person.
    private static let personal = try! NSRegularExpression(pattern: "\\b(?:I|I'm|I've|we|you|my|our|your|us)\\b")

    /// Whether `text` is a video's publication stamp alone, set under the video's description.
    public static func isVideoStamp(_ text: String) -> Bool {
        text.hasPrefix("(Published ") && hasVideoStamp(text)
    }

    /// Whether a lone paragraph reads as a caption: it names what a picture shows ("pictured",
    /// "file photo", "from left"), follows an agency's caption formula that dates the scene, or
    /// carries a video's stamp, in the third person.
    public static func describesPicture(_ text: String) -> Bool {
        // cheap guards: the words each pattern needs (a bracket for its bracketed words), and a year
        // after a comma for a full date
        let lower = text.lowercasedFast()
        let mayNamePicture = lower.containsAnyBytes(["(", "pictured", "photo", "image", "picture", "screenshot", "from left",
                                                     "left to right", "pose", "artist"])
        let mayDateScene = lower.containsAnyBytes([", 19", ", 20"])
        guard mayNamePicture || mayDateScene else { return false }
        let range = NSRange(location: 0, length: (text as NSString).length)
        return ((mayNamePicture && pictureWords.firstMatch(in: text, range: range) != nil)
                || (mayDateScene && (sceneDate.firstMatch(in: text, range: range) != nil || hasVideoStamp(text))))
            && personal.firstMatch(in: text, range: range) == nil
    }

    /// Words that make a clause: auxiliaries, modals, contractions, common past tenses, and the
    /// imperatives of page furniture ("Sign up", "Click here").
    private static let finiteVerbs: Set<Substring> = [
        "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "may", "might", "must", "shall", "should", "said", "says", "told", "made", "took", "came", "went",
        "got", "gave", "found", "saw", "became", "began", "kept", "held", "brought", "thought", "knew", "ran", "won",
        "lost", "met", "paid", "sent", "built", "felt", "led", "stood", "spent", "put", "wrote", "let", "read", "get",
        "see", "click", "sign", "subscribe", "follow", "share", "watch", "listen", "download", "join", "contact",
        "email", "call", "visit", "continue", "continues", "tap", "learn", "find", "support", "donate", "please"]

    /// Whether `text` is a short phrase naming a place or person and a year, with no verb
    /// ("Union Station, Chicago, 1960.", "The author in 1987."): an archive picture's caption, not a
    /// sentence of a story.
    public static func isDatedDescription(_ text: String) -> Bool {
        guard text.hasSuffix("."), text.first?.isUppercase == true,
              text.dropLast().suffix(4).allSatisfy(\.isNumber), text.dropLast(5).last == " ",
              !text.containsAnyBytes(["\"", "“", "”"]) else { return false }
        return isVerbless(text, words: 3...12)
    }

    /// Whether `text` is a phrase of `words` words with no verb that makes a clause (an auxiliary,
    /// a common past tense, an "-ed" form) and no credit's "by": a description, as captions are
    /// ("Striking members of the union at the college last year."). Present tenses ("leaves") are
    /// not told from plural nouns, so callers keep this to places where a caption is expected.
    public static func isVerbless(_ text: String, words range: ClosedRange<Int>) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" && $0 != "-" })
        guard range.contains(words.count) else { return false }
        return !words.contains(where: { finiteVerbs.contains($0) || ($0.count > 4 && $0.hasSuffix("ed")) || $0 == "by" })
    }
}
