import CopydeskCore

/// `copyright-year`: copyright notices whose year does not cover the publication year,
/// notices that disagree with each other, and notice years in the future.
///
/// A notice covering the year the page's dateline shows, where that differs from the
/// publication date (a republished post), is not reported. With no publication date, a
/// notice ending two years or more before a date the story mentions is stale, and otherwise
/// only notices are compared. A disagreement is reported once, at the notice with the latest
/// year (a site footer is usually generated with the current year), with the other notice as
/// related location.
public struct CopyrightYearCheck: CheckKind {
    public static let name = "copyright-year"
    public static let summary = "A copyright notice's year must cover the publication year and agree with other notices."
    public static let fixable = true

    public init(params: RuleParams) throws {
        try params.allowOnly([])
    }

    public func check(_ context: CheckContext) -> [Finding] {
        let article = context.article
        let notices = article.notices.filter { $0.years != nil }
        guard !notices.isEmpty else { return [] }
        var findings: [Finding] = []
        if let date = article.published {
            let year = date.year
            let shownYear = article.shownDate?.year
            for notice in notices where !notice.years!.contains(year) && !(shownYear.map(notice.years!.contains) ?? false) {
                let years = notice.years!
                let what = years.lowerBound > year ? "is after" : "does not cover"
                let source = date.location.map { ", line \($0.start.line)" } ?? ""
                var related = [RelatedLocation]()
                if let location = date.location {
                    related.append(RelatedLocation(range: location, message: "publication date \(date.iso) from the \(date.source.rawValue)"))
                }
                findings.append(finding(notice, reason: "\(what) the publication year \(year) (\(date.source.rawValue)\(source))",
                                        related: related, fixTo: replacement(years, covering: year)))
            }
            return findings
        }
        // no date, but the story mentions one: a notice ending two years or more before it is stale
        if let mention = article.mentionedDate {
            for notice in notices where notice.years!.upperBound < mention.year - 1 {
                let line = mention.location.map { " (line \($0.start.line))" } ?? ""
                let related = mention.location.map { [RelatedLocation(range: $0, message: "the story mentions \(mention.text)")] }
                findings.append(finding(notice, reason: "ends before \(mention.iso), a date the story mentions\(line)",
                                        related: related ?? [], fixTo: nil))
            }
        }
        for notice in notices where notice.years!.lowerBound > context.currentYear {
            findings.append(finding(notice, reason: "is in the future (today is \(context.currentYear))", related: [],
                                    fixTo: nil))
        }
        guard findings.isEmpty else { return findings }
        // No date: notices must agree. Report once, at the latest notice.
        let sorted = notices.sorted { ($0.years!.upperBound, $0.location.start) > ($1.years!.upperBound, $1.location.start) }
        let latest = sorted[0]
        let disagreeing = sorted.dropFirst().filter { !$0.years!.overlaps(latest.years!) }
        guard let other = disagreeing.first else { return [] }
        let related = disagreeing.map {
            RelatedLocation(range: $0.location, message: "other notice says \(Self.yearText($0.years!)): \($0.text)")
        }
        return [finding(latest, reason: "disagrees with the notice on line \(other.location.start.line) (\(Self.yearText(other.years!)))",
                        related: related, fixTo: nil)]
    }

    private func finding(_ notice: CopyrightNotice, reason: String, related: [RelatedLocation], fixTo: String?) -> Finding {
        var fix: Fix?
        if let fixTo, let yearLocation = notice.yearLocation {
            fix = Fix(edits: [TextEdit(range: yearLocation, replacement: fixTo, expected: Self.yearText(notice.years!))])
        }
        return Finding(range: notice.location, excerpt: notice.text,
                       values: ["year": Self.yearText(notice.years!), "reason": reason, "notice": notice.text,
                                "replacement": fixTo ?? ""],
                       related: related, fix: fix)
    }

    /// The year or range that covers `year`, keeping a range's start.
    private func replacement(_ years: ClosedRange<Int>, covering year: Int) -> String {
        if years.count == 1 { return String(year) }
        return year > years.upperBound ? "\(years.lowerBound)-\(year)" : "\(year)-\(years.upperBound)"
    }

    static func yearText(_ years: ClosedRange<Int>) -> String {
        years.count == 1 ? String(years.lowerBound) : "\(years.lowerBound)-\(years.upperBound)"
    }
}
