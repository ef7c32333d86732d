import Foundation
import CopydeskCore

/// Recognises copyright notices: `©`, `&copy;`, `(c)`, `Copyright`, `Copr.`, then a year
/// or range and a holder, in notice-like text.
///
/// A sentence about copyright ("a copyright lawsuit filed in 2019") is not a notice:
/// the marker must be the symbol, or the capitalised word at the start of the
/// notice or before a year or symbol.
enum NoticeRecognizer {
    struct Match {
        /// Scalar offsets of the notice in the text.
        var span: Range<Int>
        var years: ClosedRange<Int>?
        /// Scalar offsets of the year or range token.
        var yearSpan: Range<Int>?
        var holder: String?
    }

    private static let marker = try! NSRegularExpression(
        pattern: "©|\\([cC]\\)|\\bCopyright\\b|\\bCOPYRIGHT\\b|\\bCopr\\.")
    private static let year = try! NSRegularExpression(
        pattern: "(?<![\\d/])((?:19|20)\\d\\d)(?:\\s*[-–—/]\\s*((?:19|20)?\\d\\d))?(?![\\d/])")
    private static let sentenceEnd = try! NSRegularExpression(pattern: "(?<!\\b(?:Inc|Co|Corp|Ltd|Cos|Bros|L\\.P|Mfg))\\.\\s|\\s\\|\\s|\\s{3,}")
    private static let photoWords = try! NSRegularExpression(
        pattern: "\\b(photo|photograph|image|picture|illustration|video|credit|getty|shutterstock|reuters|afp|associated press|ap photo|epa|alamy|istock)\\b",
        options: .caseInsensitive)

    /// A company's name in a notice: "© The Daily News, a Digital First Media Newspaper".
    private static let corporate = try! NSRegularExpression(
        pattern: "\\b(?:inc|ltd|llc|plc|limited|corp|corporation|company|group|media|news|newspapers?|publishing|registered|rights)\\b",
        options: .caseInsensitive)

    /// Cheap pre-filter: whether the text can hold a notice at all.
    static func mayContain(_ text: String) -> Bool {
        text.containsAnyBytes(["©", "opyright", "OPYRIGHT", "(c)", "(C)", "Copr.", "ights reserved", "ights Reserved", "IGHTS RESERVED"])
    }

    /// The notice in `text`, if the text is notice-like.
    static func match(_ text: String) -> Match? {
        guard mayContain(text) else { return nil }
        let ns = text as NSString
        guard let m = marker.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
            return rightsLine(text)
        }
        let markerText = ns.substring(with: m.range)
        let before = ns.substring(to: m.range.location)
        let after = ns.substring(from: NSMaxRange(m.range))
        // "(c)" must be followed by a year to count; the word must start the notice or precede © or a year.
        let afterTrimmed = after.trimmingSpaces()
        let startsWithYear = afterTrimmed.first?.isNumber == true || afterTrimmed.hasPrefix("©")
        if markerText.lowercased() == "(c)" && !startsWithYear { return nil }
        if markerText.hasPrefix("Copyright") || markerText == "COPYRIGHT" {
            let lead = before.trimmingSpaces()
            let sentenceStart = lead.isEmpty || lead.hasSuffix(".") || lead.hasSuffix("|") || lead.hasSuffix("©")
            if !sentenceStart && !startsWithYear { return nil }
            if lead.lowercased().hasSuffix("image") || lead.lowercased().hasSuffix("photo") { return nil }
        }
        // Notice-like: the notice (from its marker to the end of its sentence) is short, and so is
        // what leads up to it in its sentence ("All contents © 2019 …" after a line about the owner)
        let sentenceStart = [". ", " | "].compactMap { before.range(of: $0, options: .backwards)?.upperBound }.max()
        let leadText = sentenceStart.map { before[$0...] } ?? before[...]
        let leadWords = leadText.split(separator: " ").count
        if leadWords > 12 { return nil }
        var end = ns.length
        let tail = NSRange(location: NSMaxRange(m.range), length: ns.length - NSMaxRange(m.range))
        if let stop = sentenceEnd.firstMatch(in: text, range: tail) {
            end = stop.range.location + (ns.substring(with: stop.range).hasPrefix(".") ? 1 : 0)
        }
        let start = leadWords <= 6 ? (before as NSString).length - (String(leadText) as NSString).length : m.range.location
        if end - m.range.location > 160 { end = min(ns.length, m.range.location + 160) }
        let searchRange = NSRange(location: m.range.location, length: end - m.range.location)
        var years: ClosedRange<Int>?
        var yearSpan: Range<Int>?
        if let y = year.firstMatch(in: text, range: searchRange), Self.isHolderText(ns.substring(
            with: NSRange(location: NSMaxRange(m.range), length: max(0, y.range.location - NSMaxRange(m.range))))) {
            let first = Int(ns.substring(with: y.range(at: 1)))!
            var last = first
            if y.range(at: 2).location != NSNotFound {
                let raw = ns.substring(with: y.range(at: 2))
                last = raw.count == 2 ? (first / 100) * 100 + Int(raw)! : Int(raw)!
                if last < first { last = first }
            }
            years = first...last
            yearSpan = scalarOffset(ns, y.range.location)..<scalarOffset(ns, NSMaxRange(y.range))
        }
        var holder = ns.substring(with: NSRange(location: NSMaxRange(m.range), length: max(0, end - NSMaxRange(m.range))))
        if let y = yearSpan {
            holder = holder.replacingBytes(String(text.unicodeScalars.dropFirst(y.lowerBound).prefix(y.count)), with: "")
        }
        // "© Jane Doe Volunteers stack sandbags…": a photographer's © opening a caption, no notice
        if years == nil, text.split(separator: " ").count >= 8, CreditRecognizer.hasLeadingCredit(text),
           corporate.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) == nil { return nil }
        holder = holder.replacingBytes("©", with: "").replacingBytes("all rights reserved", with: "", foldingCase: true)
        holder = holder.trimming(charactersIn: " ,.;:-–—|")
        // the bare word with no year must name a holder: "Copyright" or "Copyright and Reprint Policy"
        // is a link, "Copyright The Associated Press" a notice
        if years == nil, markerText.lowercased() == "copyright", !holder.contains("©"),
           holder.first?.isUppercase != true || ["Policy", "Notice", "Information", "Info", "Terms"].contains(where: holder.hasPrefix) {
            return nil
        }
        return Match(span: scalarOffset(ns, start)..<scalarOffset(ns, end), years: years, yearSpan: yearSpan,
                     holder: holder.isEmpty ? nil : holder)
    }

    /// "2019 Spacenews, Inc. All Rights Reserved": a notice whose © was an image.
    static func rightsLine(_ text: String) -> Match? {
        let ns = text as NSString
        guard ns.length <= 160, let m = rightsPattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
            return nil
        }
        let year = Int(ns.substring(with: m.range(at: 1)))!
        let holder = ns.substring(with: m.range(at: 2)).trimming(charactersIn: " ,.;:-")
        return Match(span: 0..<text.unicodeScalars.count, years: year...year,
                     yearSpan: scalarOffset(ns, m.range(at: 1).location)..<scalarOffset(ns, NSMaxRange(m.range(at: 1))),
                     holder: holder.isEmpty ? nil : holder)
    }

    private static let rightsPattern = try! NSRegularExpression(
        pattern: "^\\s*((?:19|20)\\d\\d)\\s+([^.]{2,80}?(?:\\.[^.]{0,10}?)?)[.,]?\\s+all rights reserved\\.?\\s*$", options: .caseInsensitive)

    /// Whether the words between the marker and a year read like a holder ("Telegraph Media
    /// Group Limited"), not a sentence ("Detainees at the center in San Diego on May 18").
    static func isHolderText(_ text: String) -> Bool {
        let small: Set<String> = ["by", "and", "of", "the", "for", "all", "rights", "reserved", "copyright", "inc", "ltd", "llc", "co"]
        let lower = text.split(whereSeparator: { !$0.isLetter }).filter { word in
            word.first!.isLowercase && !small.contains(word.lowercased())
        }
        return lower.count <= 1
    }

    /// Whether a notice is about a photo rather than the article (`© 2019 Getty Images` in a credit).
    static func isPhotoNotice(_ text: String) -> Bool {
        photoWords.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    static func scalarOffset(_ ns: NSString, _ utf16: Int) -> Int {
        (ns.substring(to: utf16) as String).unicodeScalars.count
    }
}
