import Foundation

/// Recognises photo, video and graphic credits in the forms real pages use.
///
/// `(AP Photo/Name)`, `Name/Agency` with or without spaces, chains
/// (`SIPA/REX/Shutterstock`), `AFP via Getty Images`, prefixes (`Photo:`,
/// `Photograph:`, `Image:`, `Illustration:`, `Credit:`, `Courtesy of …`, `© …`),
/// agency names alone, and a credit at the end of a caption.
public enum CreditRecognizer {
    /// Agencies and sources whose name is a credit (`Resources/lexicons/agencies.txt`).
    public static let agencies = Lexicon.named("agencies").entries()

    /// The agencies, lower-cased.
    public static let lowercasedAgencies = Set(agencies.map { $0.lowercased() })

    private static let agencyAlternation = agencies.map { NSRegularExpression.escapedPattern(for: $0) }
        .sorted { $0.count > $1.count }.joined(separator: "|")

    /// A prefix that makes a line a credit.
    private static let prefix = try! NSRegularExpression(pattern: """
        ^\\(?\\s*(?:(?:image|photo|picture|video|graphic|illustration|main image|top image|header image)\\s+(?:credit|source|courtesy)s?\\s*:?|\
        credits?\\s*(?::|\\.\\.\\.|…)|photos?\\s*(?::|by\\b)|photographs?\\s*(?::|by\\b)|pictures?\\s*:|images?\\s*(?::|by\\b)|\
        illustrations?\\s*(?::|by\\b)|animations?\\s*(?::|by\\b)|photo illustration\\b|graphics?\\s*(?::|by\\b)|videos?\\s*(?::|by\\b)|composite\\s*:|\
        screenshot\\b|courtesy\\b|provided by\\b|source\\s*:|©|\\(c\\)|copyright\\b|handout\\b|pool\\b|file photo\\b|\
        image copyright\\b|getty images\\b)
        """, options: .caseInsensitive)

    /// What `prefix` can open with: it runs only on lines that open so.
    private static let prefixLiterals = ["image", "photo", "picture", "video", "graphic", "illustration", "main image",
                                         "top image", "header image", "credit", "animation", "composite", "screenshot",
                                         "courtesy", "provided by", "source", "©", "(c)", "copyright", "handout", "pool",
                                         "file photo", "getty images"]

    /// `Name / Agency`, `Name | Agency`, `Agency/Agency`, `Name/for Publication`: short, a slash or
    /// bar, no sentence punctuation before it but a name's initials ("Kevin C. Doe/for The Daily").
    private static let slashCredit = try! NSRegularExpression(
        pattern: "^[\\p{Lu}\\p{Lt}](?:[^.!?\"“”:;]|(?<=\\b\\p{Lu})\\.){0,80}\\s*[/|]\\s*(?:(?:for|via)\\s+)?[\\p{Lu}\\p{Lt}][^!?\"“”:;]{0,80}$")
    /// A credit in brackets standing at the end of a caption. Each form of a caption's closing credit
    /// is its own expression, run only where its marks are (`trailingForms`): one alternation of all
    /// of them tried at every position of the tail cost twice as much as the three.
    private static let trailingInBrackets = try! NSRegularExpression(pattern: """
        (?:\\((?:AP|AFP|Reuters)\\s+Photo[^)]*\\)|\\((?:\(agencyAlternation))\\)|\\((?:[\\w-]+\\.)+(?:com|org|net|gov|edu|co\\.uk)\\)|\\((?:photo|image|credit|illustration|video)[^)]{0,80}\\)|\
        \\([^()]{2,60}/[^()]{2,60}\\)|\\([^()]{2,40}\\b(?:\(agencyAlternation))\\))\\s*$
        """, options: .caseInsensitive)
    /// A labelled credit standing at the end of a caption: "Photo: Ann Lee", "Credit...Ann Lee".
    private static let trailingLabelled = try! NSRegularExpression(pattern: """
        (?:\\b|(?<=[.a-z0-9]))(?:Photo|Photograph|Photos|Image|Illustration|Credit|Picture|Video|Graphic)s?(?:\\s+credit)?\\s*(?::|by\\b|\\.\\.\\.|…)\\s*[^.]{2,100}\\.?\\s*$
        """, options: .caseInsensitive)
    /// A credit after a bar ("| Ann Lee/Agency") or a dash and an agency ("— AP", "— AFP photo")
    /// at the end of a caption.
    private static let trailingAfterMark = try! NSRegularExpression(pattern: """
        (?:\\|\\s*[^|]{2,80}/[^|]{2,80}|\\s[-–—]\\s*(?:AP|AFP|Reuters|Getty Images)(?:\\s+(?:file\\s+)?(?:photo|pic|picture))?\\s*)\\s*$
        """, options: .caseInsensitive)

    /// Words of picture credits (`Resources/lexicons/credit-words.txt`): labels, tail words, nearby words.
    public static let words = Lexicon.named("credit-words")

    /// The labels a credit opens with, longest first, so that "photo credit" goes before "photo".
    static let creditLabels = words.entries("labels").sorted { $0.count > $1.count }

    /// A credit with its label ("Credit...", "Photo:") removed; nil when only the label is there.
    public static func withoutLabel(_ credit: String) -> String? {
        var text = credit.trimmingSpaces()
        for label in creditLabels where text.lowercased().hasPrefix(label) {
            text = String(text.dropFirst(label.count))
            break
        }
        text = text.trimming(charactersIn: " :.…()|-–—*_")
        return text.contains(where: \.isLetter) ? credit : nil
    }

    /// Whether a caption ends in an empty credit slot — "()", "(credit: )", "Photo:", a "|"
    /// after a sentence — where a template or an editor dropped the credit: a caption with no credit.
    public static func hasEmptyCreditSlot(_ caption: String) -> Bool {
        var text = caption.trimmingSpaces()
        // a bar after a sentence ("Rep. Jane Doe. |"), not a menu's "Home |" or "Crime and Courts |":
        // copied text ends many a menu item, byline and section link with the bar that separated it
        if text.hasSuffix("|") {
            return text.dropLast().trimmingSpaces().hasSuffix(".") && text.split(separator: " ").count >= 3
        }
        guard text.count > 20 else { return false }
        if text.hasSuffix("()") || text.hasSuffix("( )") { return true }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            text = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            return withoutLabel(text) == nil && text.contains(":")
        }
        // the labels are short: the last characters, lower-cased, are enough
        let lower = String(text.suffix(16)).lowercased()
        return ["credit:", "photo:", "image:", "credit...", "credit…", "photograph:"].contains(where: lower.hasSuffix)
    }

    /// Whether a caption ends with a labelled credit ("… Credit: ESA", "… Photograph: Jane Doe"):
    /// a sign strong enough for a long caption, where a bare parenthesis would not be.
    public static func hasLabelledTrailingCredit(_ caption: String) -> Bool {
        guard let start = trailingCredit(in: caption) else { return false }
        let credit = String(caption.unicodeScalars.dropFirst(start)).trimmingSpaces()
        return ["credit", "photo", "image", "picture", "illustration", "graphic", "video"].contains(where: credit.lowercased().hasPrefix)
    }

    /// Whether a whole line is a credit's slot left empty: "()", "Photo:", "Credit:".
    public static func isEmptyCreditLine(_ line: String) -> Bool {
        guard line.utf8.count <= 16 else { return false }
        let text = line.trimmingSpaces().lowercasedFast()
        return ["()", "( )", "[]", "photo:", "image:", "credit:", "photograph:", "image credit:", "photo credit:"].contains(text)
    }

    /// A credit, then a caption, in one paragraph: "© Jane Doe Volunteers stack sandbags on Main Street."
    public static func isCreditedCaption(_ text: String) -> Bool {
        text.split(separator: " ").count >= 8 && hasLeadingCredit(text)
    }

    /// Words a credit opening a caption has at most ("Alex Wong | Getty Images", then the caption).
    static let leadingCreditWords = 7

    /// Whether a caption opens with its credit (`© Name Caption text…`).
    public static func hasLeadingCredit(_ caption: String) -> Bool {
        if caption.hasPrefix("©") { return true }
        let head = String(caption.prefix(12)).lowercasedFast()
        if ["photo", "image", "credit"].contains(where: { label in
            head.hasPrefix(label) && head.dropFirst(label.count).drop(while: { $0 == "s" || $0 == " " }).first == ":"
        }) { return true }
        return !leadingCredits(caption, all: false).isEmpty
    }

    /// The scalar offset where the caption starts after the credit that opens it, when the credit's
    /// end is sure: it ends with a source, the longest that does ("… | Getty Images", not "… | Getty"), or is an
    /// agency's name in capitals. "Ann Lee/for The Harbor Times Crowds …" opens with a credit too,
    /// but where the paper's name ends only a reader who knows the paper can tell.
    public static func leadingCredit(in caption: String) -> Int? {
        leadingCredits(caption, all: true).last { credit in
            guard !credit.capitals else { return true }
            // a sentence of a few words follows the credit, and is no credit itself
            let rest = String(caption.unicodeScalars.dropFirst(credit.start))
            return (endsWithAgency(credit.head) || endsWithSourceWord(credit.head))
                && rest.split(separator: " ", maxSplits: captionAfterCreditWords).count >= captionAfterCreditWords && !isCreditLine(rest)
        }?.start
    }

    /// Words a caption has at least after the credit that opens it: a sentence, not a credit line.
    static let captionAfterCreditWords = 4

    /// Where the caption may start after a credit of a few words that opens it (scalar offsets,
    /// nearest first), the caption starting with a capital: "Alex Wong | Getty Images Kristi Noem,
    /// governor…", "Image copyright Reuters Image caption …", "ASSOCIATED PRESS Crowds gather …".
    /// `all`: every place, else the nearest alone. `capitals`: the credit is an agency's name in capitals.
    static func leadingCredits(_ caption: String, all: Bool) -> [(start: Int, head: String, capitals: Bool)] {
        // cheap guard: the words a credit can take hold a slash or a bar, open "Image copyright", or
        // an agency's name in capitals opens the caption (counted generously as bytes: a space that
        // a combining mark follows splits no Character)
        var byteWords = 0, inWord = false
        let opening = caption.utf8.prefix { b in
            if b == 0x20 { inWord = false } else if !inWord { inWord = true; byteWords += 1 }
            return byteWords <= 2 * leadingCreditWords
        }
        let capitals = agencyInCapitals(opening: caption)
        guard opening.contains(where: { $0 == 0x2F || $0 == 0x7C }) || opensWithCopyrightLabel(caption) || capitals != nil else { return [] }
        // only the first words can be a credit, and whether a sentence follows them
        let words = caption.split(separator: " ", maxSplits: leadingCreditWords + captionAfterCreditWords)
        let start = { (k: Int) in caption.unicodeScalars.distance(from: caption.startIndex, to: words[k].startIndex) }
        if let k = capitals, words.count > k + captionAfterCreditWords, words[k].first?.isUppercase == true {
            return [(start(k), words[..<k].joined(separator: " "), true)]
        }
        guard words.count > 3 else { return [] }
        var found: [(start: Int, head: String, capitals: Bool)] = []
        for k in 2...min(leadingCreditWords, words.count - 1) where words[k].first?.isUppercase == true {
            let head = words[..<k].joined(separator: " ")
            guard head.containsBytes("|") || head.containsBytes("/") || head.lowercased().hasPrefix("image copyright"), isCreditLine(head) else { continue }
            found.append((start(k), head, false))
            if !all { break }
        }
        return found
    }

    /// The agencies spelled in lower case too ("Reuters", "Associated Press"), lower-cased: in capitals
    /// their name is set as a credit. An acronym ("NASA", "EPA") is spelled in capitals in any sentence.
    private static let agenciesNotAcronyms = Set(agencies.filter { $0.uppercased() != $0 }.map { $0.lowercased() })

    /// The number of words of an agency's name in capitals that opens `text` ("REUTERS …",
    /// "ASSOCIATED PRESS …"): papers print the credit so before a caption; a sentence names them in title case.
    private static func agencyInCapitals(opening text: String) -> Int? {
        // cheap guard: a word in capitals opens the text
        let opening = text.unicodeScalars.prefix(2)
        guard opening.count == 2, opening.allSatisfy({ $0.isASCII ? ("A"..."Z").contains($0) : $0.properties.isUppercase }) else { return nil }
        let words = text.split(separator: " ", maxSplits: 3).prefix(3)
        return (1...words.count).last { k in
            let name = words.prefix(k).joined(separator: " ")
            return name.uppercased() == name && agenciesNotAcronyms.contains(name.lowercased())
        }
    }

    /// Whether the caption's first two words are "Image copyright…", in any case and spacing.
    private static func opensWithCopyrightLabel(_ caption: String) -> Bool {
        guard caption.first == "I" || caption.first == "i" else { return false }
        let lead = caption.split(separator: " ", maxSplits: 2)
        return lead.count >= 2 && lead[0].lowercased() == "image" && lead[1].lowercased().hasPrefix("copyright")
    }

    /// Whether a whole line (or block) is a credit.
    public static func isCreditLine(_ line: String) -> Bool {
        let text = line.trimmingSpaces()
        guard !text.isEmpty, text.utf8.count <= 320, text.count <= 160 else { return false }
        let range = NSRange(location: 0, length: text.utf16.count)
        let words = text.spaceSeparatedWordCount()
        // a byline, not a credit; "By Ann Lee/Valley Photo" names the picture's source
        if text.hasPrefix("By ") || text.hasPrefix("by ") {
            let rest = String(text.dropFirst(3))
            return slashSides(rest.lowercased()).dropFirst().contains { lowercasedAgencies.contains($0) || endsWithSourceWord($0) }
                && isCreditLine(rest)
        }
        // a credit in parentheses on its own line: "(Jane Doe / Associated Press)"
        if text.hasPrefix("("), text.hasSuffix(")"), text.count > 4, !text.dropFirst().contains("(") {
            return isCreditLine(String(text.dropFirst().dropLast()))
        }
        let lower = text.lowercasedFast()
        if lowercasedAgencies.contains(lower) { return true }
        if words <= 20, text.mayOpenWithFolded(prefixLiterals), prefix.firstMatch(in: text, range: range) != nil { return true }
        if words <= 12, text.containsAnyBytes(["/", "|"]), !text.containsBytes("http"),
           slashCredit.firstMatch(in: text, range: range) != nil {
            // "Watch/Listen" in a menu is not "Reuters/Landov": a short one must name an agency
            if (words >= 3 || slashSides(lower).contains(where: lowercasedAgencies.contains)), isNames(text) { return true }
        }
        if words <= 10, endsWithAgency(text) { return true }
        if words <= 8, text.uppercased() == text, lower.containsBytes("photograph") { return true }
        return false
    }

    /// The sides of a `Name / Agency` credit, trimmed (a full stop closes the credit, not the name).
    private static func slashSides(_ credit: String) -> [String] {
        credit.split(whereSeparator: { $0 == "/" || $0 == "|" }).map { $0.trimming(charactersIn: " .") }
    }

    /// Whether the last word of `text` names a source, not a person ("Handout", "Images", "Agency": `credit-words.txt`, `[tail]`).
    private static func endsWithSourceWord(_ text: String) -> Bool {
        text.split(separator: " ").last.map { sourceTailWords.contains($0.lowercased()) } ?? false
    }

    /// Lower-case words a name may hold (`credit-words.txt`, `[particles]`).
    private static let nameParticles = Set(words.entries("particles"))

    /// Whether every word of a `Name / Agency` line could be part of a name: capitalised, a
    /// particle ("for", "de"), a handle or domain ("jdoe_", "@jdoe", "x.com"), a number. Menus and
    /// teasers set out the same way speak in lower-case words ("Sign in / Sign up", "Live updates |
    /// Crowds gather …") or trail off: an ellipsis ends no credit.
    static func isNames(_ text: String) -> Bool {
        guard !text.hasSuffix("…"), !text.hasSuffix("...") else { return false }
        return text.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "|" }).allSatisfy { word in
            guard let first = word.first(where: \.isLetter), first.isLowercase else { return true }
            return nameParticles.contains(word.lowercased().trimming(charactersIn: "(),"))
                || word.contains(where: { $0 == "_" || $0 == "@" || $0 == "." || $0.isNumber })
        }
    }

    /// The agencies by their last UTF-8 byte, in list order: ASCII text can end only with those of its own last byte.
    private static let agenciesByLastByte = Dictionary(grouping: agencies.filter { !$0.isEmpty }, by: { $0.utf8.last! })

    /// `Name, Agency`, `Name via Agency`, `Name Agency`: up to seven capitalised words, then a known agency.
    static func endsWithAgency(_ text: String) -> Bool {
        var rest = text.hasSuffix(".") ? String(text.dropLast()) : text
        if rest.hasSuffix(" Photo") { rest = String(rest.dropLast(6)) }
        // ASCII text ends with a name only if its bytes do; other text is compared as characters
        let ascii = rest.utf8.allSatisfy { $0 < 0x80 }
        let pool = ascii ? rest.utf8.last.flatMap { agenciesByLastByte[$0] } ?? [] : agencies
        guard let agency = pool.first(where: { (!ascii || rest.endsWithBytes($0)) && rest.hasSuffix($0) && (rest.count == $0.count || rest.dropLast($0.count).last == " "
                                                                          || rest.dropLast($0.count).last == ",") }) else { return false }
        var words = rest.dropLast(agency.count).split(whereSeparator: { $0 == " " || $0 == "," })
        if let last = words.last, last == "via" || last == "for" { words.removeLast() }
        return words.count <= 7 && words.allSatisfy { $0.first?.isUppercase ?? false }
    }

    /// The scalar offset where a trailing credit starts in a caption, if it has one.
    public static func trailingCredit(in caption: String) -> Int? {
        let caption = withoutLicence(withoutTrailingControl(caption))
        return labelledTrailingCredit(in: caption) ?? creditAfterCaption(in: caption) ?? copyrightTail(in: caption)
            ?? unpunctuatedSlashCredit(in: caption)
    }

    /// A Creative Commons licence closing an attribution, as the licence asks it to be given:
    /// "Photo by Ann Lee, licensed under CC BY-SA 2.0."
    private static let licence = try! NSRegularExpression(pattern: """
        ,?\\s*(?:(?:licensed\\s+)?under\\s+|via\\s+)?\\(?CC[ -]BY(?:-[A-Z]{2})*(?:\\s+\\d\\.\\d)?\\)?\\s*\\.?\\s*$
        """, options: .caseInsensitive)

    /// The caption without a licence after its credit: the credit is what comes before it.
    static func withoutLicence(_ caption: String) -> String {
        // the expression runs only on captions that name the licence: "cc" alone is in "according"
        guard caption.containsFoldedBytes("cc by") || caption.containsFoldedBytes("cc-by") else { return caption }
        let ns = caption as NSString
        guard let m = licence.firstMatch(in: caption, range: NSRange(location: 0, length: ns.length)), m.range.location > 0 else { return caption }
        return ns.substring(to: m.range.location)
    }

    /// The caption without a control set after it that links to the picture's page ("… (AP Photo/Ann Lee) more >").
    static func withoutTrailingControl(_ caption: String) -> String {
        guard let last = caption.utf8.last(where: { $0 != 0x20 }), last == UInt8(ascii: ">") || last == 0xBB else { return caption }
        let trimmed = caption.trimmingSpaces(), lower = trimmed.lowercased()
        guard let control = CaptionCues.expanders.first(where: { lower.hasSuffix(" " + $0) }) else { return caption }
        return String(trimmed.dropLast(control.count)).trimmingSpaces()
    }

    /// Words a credit marked by "©" inside a caption has at most ("… at the gala ©Jane Doe/Agency").
    static let copyrightTailWords = 12

    /// A "©" inside a caption, before a capitalised name and with no sentence after it: the rest
    /// is the picture's credit, however it is spelled ("… in 1962 © Harbor Archive/Valley Photo").
    static func copyrightTail(in caption: String) -> Int? {
        guard caption.containsBytes("©") else { return nil }
        let scalars = Array(caption.unicodeScalars)
        guard let mark = scalars.lastIndex(of: "©"), mark > 0 else { return nil }
        let rest = String(scalars: scalars[(mark + 1)...]).trimmingSpaces()
        guard let first = rest.first, first.isUppercase, !rest.containsAnyBytes([". ", "! ", "? "]),
              rest.split(separator: " ").count <= copyrightTailWords else { return nil }
        return mark
    }

    /// Words of a name before a credit's slash that the unpunctuated form takes, initials not counted.
    static let slashNameWords = 2
    /// Words a caption has at least before an unpunctuated credit: a caption, not a credit line.
    static let captionBeforeCreditWords = 3

    /// The tail words that end a source's name ("Images", "Pictures"), lower-cased.
    private static let sourceTailWords = Set(words.entries("tail"))

    /// A `Name/Agency` credit run onto the end of a caption with no full stop, as many papers set
    /// caption and credit side by side: "… on Main Street Jane Doe/Valley Photo", "… Ann Lee/via
    /// Reuters", "… Ann Lee/for The Harbor Times". The part after the slash must be a source: a
    /// known agency, a name ending in a source word ("… Images"), or "for"/"via" a capitalised name.
    static func unpunctuatedSlashCredit(in caption: String) -> Int? {
        guard caption.containsBytes("/"), let last = caption.utf8.last, !".!?\")”".utf8.contains(last) else { return nil }
        let words = caption.split(separator: " ", omittingEmptySubsequences: true)
        guard let slashWord = words.lastIndex(where: { $0.contains("/") }), words.count - slashWord <= afterCaptionWords else { return nil }
        let parts = words[slashWord].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let nameEnd = parts.first ?? ""
        let source = ([parts.count > 1 ? parts[1] : ""] + words[(slashWord + 1)...]).filter { !$0.isEmpty }
        // AP's formula without its parentheses: "… on Tuesday AP Photo/Jane Doe"
        if nameEnd == "Photo", slashWord >= captionBeforeCreditWords + 1, lowercasedAgencies.contains(words[slashWord - 1].lowercased()),
           let first = source.first, first.first?.isUppercase ?? false {
            return caption.unicodeScalars.distance(from: caption.startIndex, to: words[slashWord - 1].startIndex)
        }
        guard isSource(source) else { return nil }
        // the name before the slash: up to two capitalised words, with any initials between them
        var start = slashWord
        var nameWords: [Substring] = nameEnd.isEmpty ? [] : [nameEnd]
        while start > 0, nameWords.filter({ $0.count > 2 }).count < slashNameWords {
            let word = words[start - 1]
            guard word.first?.isUppercase ?? false else { break }
            nameWords.insert(word, at: 0)
            start -= 1
        }
        guard !nameWords.isEmpty, nameWords.allSatisfy({ $0.first?.isUppercase ?? false }),
              start >= captionBeforeCreditWords else { return nil }
        return caption.unicodeScalars.distance(from: caption.startIndex, to: words[start].startIndex)
    }

    /// Whether the words after a credit's slash name a source: a known agency, words ending in a
    /// source word ("Valley Images"), "via"/"for" and capitalised words, or "Agency Region".
    private static func isSource(_ words: [Substring]) -> Bool {
        guard (1...5).contains(words.count), !words.contains(where: { $0.contains(where: \.isNumber) }) else { return false }
        var rest = words
        let introduced = ["via", "for"].contains(rest.first ?? "")
        if introduced { rest.removeFirst() }
        guard let head = rest.first, head.first?.isUppercase ?? false,
              rest.allSatisfy({ ($0.first?.isUppercase ?? false) || nameParticles.contains($0.lowercased()) }) else { return false }
        if introduced { return true }
        let joined = rest.joined(separator: " ").lowercased()
        return lowercasedAgencies.contains(joined) || sourceTailWords.contains(rest.last!.lowercased())
            || lowercasedAgencies.contains { joined.hasPrefix($0 + " ") }
    }

    /// Words a credit set after its caption has at most: a name and an agency, or a chain of agencies.
    static let afterCaptionWords = 8
    /// Words a bracketed credit has at most: "[Getty]", "(Jane Doe)", "(KTLA)".
    static let bracketedWords = 4

    /// A credit set after the caption's last sentence with no label, as most papers print it:
    /// "… on Tuesday. Jane Doe/Agency", "… on Tuesday. REUTERS", "… in 2019. (Jane Doe)", and a
    /// bracketed agency at the very end ("… patient [Getty]").
    static func creditAfterCaption(in caption: String) -> Int? {
        // cheap guard first: most paragraphs tried end a sentence, and a credit does not
        guard let last = caption.utf8.last(where: { $0 != 0x20 }), !".!?\"".utf8.contains(last) else { return nil }
        let scalars = Array(caption.unicodeScalars)
        var end = scalars.count
        while end > 0, scalars[end - 1] == " " { end -= 1 }
        guard end > 0 else { return nil }
        // "[Agency]" at the end, after any text
        if scalars[end - 1] == "]", let open = scalars[..<end].lastIndex(of: "["), open > 0,
           isBracketedName(scalars[(open + 1)..<(end - 1)]) { return open }
        // after the last sentence: ". " then the fragment, or a full stop with the credit glued on
        // (".JANE DOE/AGENCY": copied text joins a caption's element and its credit's with no space)
        guard end > 2, let start = (2..<end).last(where: { i in
            (scalars[i - 1] == " " && [".", "!", "?", "\u{201D}", "\""].contains(scalars[i - 2]))
                || (scalars[i - 1] == "." && scalars[i].properties.isUppercase && scalars[i - 2].properties.isLowercase)
        }) else { return nil }
        let fragment = scalars[start..<end]
        if fragment.first == "(", fragment.last == ")", isBracketedName(fragment.dropFirst().dropLast()) { return start }
        // "… electoral votes. | AP Photo": a bar set between caption and credit
        let text = String(scalars: fragment.first == "|" ? fragment.dropFirst() : fragment).trimmingSpaces()
        guard text.split(separator: " ").count <= afterCaptionWords, !text.hasSuffix(".") else { return nil }
        // a label with no name after it ("(credit: )") is an empty slot, no credit
        let named = withoutLabel(text.trimming(charactersIn: "()[] "))
        guard named != nil else { return nil }
        return isCreditLine(text) || isNameForPublication(text) || isSourceWord(text) ? start : nil
    }

    /// Whether the whole of a caption element is a credit: a credit line, a photographer's name for
    /// a publication ("Jane Doe for The Harbor Times") or a name in brackets ("(The Harbor Times)").
    /// A page's markup has set the text apart as the picture's caption, so it is no headline.
    public static func isCaptionCredit(_ caption: String) -> Bool {
        // "© Jane Doe Volunteers stack sandbags…" opens like a credit line and goes on as a caption
        if isCreditLine(caption) { return !isCreditedCaption(caption) }
        let text = caption.trimmingSpaces()
        if isNameForPublication(text.hasSuffix(".") ? String(text.dropLast()) : text) { return true }
        let scalars = Array(text.unicodeScalars)
        return scalars.count > 2 && scalars.first == "(" && scalars.last == ")"
            && !scalars.dropFirst().dropLast().contains { $0 == "(" || $0 == ")" } && isBracketedName(scalars.dropFirst().dropLast())
    }

    /// "Jane Doe for The Harbor Times": a photographer's name, "for", and the publication, the form
    /// many papers credit a commissioned picture with. Taken only after a caption's sentence: on a
    /// line of its own it reads as well as a title-case headline.
    static func isNameForPublication(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard let joint = words.firstIndex(of: "for"), (2...3).contains(joint), (1...5).contains(words.count - joint - 1),
              !text.contains(where: \.isNumber) else { return false }
        return words[..<joint].allSatisfy { $0.first?.isUppercase ?? false }
            && (words[joint + 1].first?.isUppercase ?? false)
            && words[(joint + 1)...].allSatisfy { ($0.first?.isUppercase ?? false) || nameParticles.contains($0.lowercased()) }
    }

    /// One or two capitalised source words that stand for a credit without a name: "Supplied", "Handout", "File".
    static func isSourceWord(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...2).contains(words.count) && words.first?.first?.isUppercase == true
            && words.allSatisfy { sourceTailWords.contains($0.lowercased()) }
    }

    /// One to four capitalised words, no digit: a name or an agency in brackets.
    private static func isBracketedName(_ inner: ArraySlice<Unicode.Scalar>) -> Bool {
        let words = String(scalars: inner).split(separator: " ")
        guard (1...bracketedWords).contains(words.count), !inner.contains(where: { $0.properties.numericType != nil }) else { return false }
        return words.allSatisfy { $0.first.map { $0.isUppercase || $0 == "/" || $0 == "&" } ?? false }
            && !["File", "FILE", "Left", "Right", "Center", "Above", "Top", "Bottom", "Pictured"].contains(String(words[0]))
    }

    /// Which of the closing credit's forms a caption's tail has the marks of, checked without
    /// running an expression: a closing bracket at the very end; a label word and its colon, "by"
    /// or ellipsis; a bar and a slash, or a dash and an agency.
    private static func trailingForms(_ tail: String) -> [NSRegularExpression] {
        var forms: [NSRegularExpression] = []
        if tail.unicodeScalars.last(where: { !$0.properties.isWhitespace }) == ")" { forms.append(trailingInBrackets) }
        if tail.containsAnyFoldedBytes(["photo", "image", "illustration", "credit", "picture", "video", "graphic"])
            && (tail.containsAnyBytes([":", "...", "…"]) || tail.containsFoldedBytes("by")) {
            forms.append(trailingLabelled)
        }
        if (tail.containsBytes("|") && tail.containsBytes("/"))
            || (tail.containsAnyBytes(["-", "–", "—"]) && tail.containsAnyFoldedBytes(["ap", "afp", "reuters", "getty images"])) {
            forms.append(trailingAfterMark)
        }
        return forms
    }

    /// A credit matched by the labelled and parenthesised forms of the caption's tail.
    static func labelledTrailingCredit(in caption: String) -> Int? {
        let ns = caption as NSString
        // a credit is short: look only at the caption's tail, and only when it holds a credit's marks;
        // the tail starts on a whole character, never between the halves of a surrogate pair (an emoji)
        let from = ns.wholeCharacter(at: max(0, ns.length - 240))
        let tail = ns.substring(from: from)
        guard tail.containsAnyBytes([")", "|", ":", "by", "By", "BY", "...", "…", "AP", "AFP", "Reuters", "Getty"]) else { return nil }
        // the forms start with different marks, so the one that starts first is the whole alternation's match
        let range = NSRange(location: from, length: ns.length - from)
        guard let m = trailingForms(tail).compactMap({ $0.firstMatch(in: caption, range: range) })
                .min(by: { $0.range.location < $1.range.location }) else { return nil }
        let credit = ns.substring(with: m.range).trimming(charactersIn: " ()|*_")
        // a label with no name after it ("Credit...", "Photo:") is no credit
        guard let named = withoutLabel(credit), named.contains(where: \.isLetter) else { return nil }
        return (ns.substring(to: m.range.location) as String).unicodeScalars.count
    }
}
