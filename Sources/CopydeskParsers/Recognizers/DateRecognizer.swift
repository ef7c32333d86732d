import Foundation

/// Reads publication dates from the forms pages and datelines use.
///
/// ISO 8601 (`2019-11-19`, `2019-11-19T11:00:00Z`), `November 19, 2019`, `Nov. 19, 2019`,
/// `19 November 2019`, `11/19/2019`, and `11/19/19` followed by a time (`11/19/19 06:56 AM`).
enum DateRecognizer {
    private static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var map: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            map[name] = i + 1
            map[String(name.prefix(3))] = i + 1
        }
        map["sept"] = 9
        return map
    }()

    private static let monthPattern = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    private static let iso = try! NSRegularExpression(pattern: "\\b((?:19|20)\\d\\d)-(\\d\\d)-(\\d\\d)")
    private static let monthFirst = try! NSRegularExpression(
        pattern: "\\b\(monthPattern)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)(?:\\b|(?=\\d{1,2}:\\d\\d))", options: .caseInsensitive)
    private static let dayFirst = try! NSRegularExpression(
        pattern: "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+\(monthPattern)\\.?,?\\s+((?:19|20)\\d\\d)\\b", options: .caseInsensitive)
    private static let numeric = try! NSRegularExpression(pattern: "\\b(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d\\d)\\b")
    /// Two-digit years only with a time after them, where a date can be nothing else.
    private static let numericShort = try! NSRegularExpression(pattern: "\\b(\\d{1,2})/(\\d{1,2})/(\\d\\d)(?=,?\\s+\\d{1,2}:\\d\\d)")

    /// A date found in `text`: year, month, day and the UTF-16 range it occupies.
    struct Match {
        var year: Int
        var month: Int
        var day: Int
        var range: NSRange
    }

    /// A date written with its month's name, from a match of `monthFirst` or `dayFirst`.
    private static func written(_ m: NSTextCheckingResult, in ns: NSString, monthFirst: Bool) -> Match? {
        let (monthGroup, dayGroup) = monthFirst ? (1, 2) : (2, 1)
        guard let month = months[ns.substring(with: m.range(at: monthGroup)).lowercased()] else { return nil }
        return Match(year: Int(ns.substring(with: m.range(at: 3)))!, month: month,
                     day: Int(ns.substring(with: m.range(at: dayGroup)))!, range: m.range)
    }

    /// Every date written with its month's name in `text` ("Nov. 18, 2019", "18 November 2019").
    static func writtenDates(in text: String) -> [Match] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        let dates = monthFirst.matches(in: text, range: whole).compactMap { written($0, in: ns, monthFirst: true) }
            + dayFirst.matches(in: text, range: whole).compactMap { written($0, in: ns, monthFirst: false) }
        return dates.filter { (1...31).contains($0.day) }
    }

    /// The first date in `text`, if any.
    static func first(in text: String) -> Match? {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var best: Match?
        func consider(_ m: Match?) {
            guard let m, (1...12).contains(m.month), (1...31).contains(m.day) else { return }
            if best == nil || m.range.location < best!.range.location { best = m }
        }
        if let m = iso.firstMatch(in: text, range: whole) {
            consider(Match(year: Int(ns.substring(with: m.range(at: 1)))!, month: Int(ns.substring(with: m.range(at: 2)))!,
                           day: Int(ns.substring(with: m.range(at: 3)))!, range: m.range))
        }
        if let m = monthFirst.firstMatch(in: text, range: whole) { consider(written(m, in: ns, monthFirst: true)) }
        if let m = dayFirst.firstMatch(in: text, range: whole) { consider(written(m, in: ns, monthFirst: false)) }
        for (pattern, century) in [(numeric, 0), (numericShort, 2000)] {
            if let m = pattern.firstMatch(in: text, range: whole) {
                consider(Match(year: century + Int(ns.substring(with: m.range(at: 3)))!,
                               month: Int(ns.substring(with: m.range(at: 1)))!,
                               day: Int(ns.substring(with: m.range(at: 2)))!, range: m.range(at: 0)))
            }
        }
        return best
    }
}
