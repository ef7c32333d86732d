import CopydeskCore

/// A self-contained HTML page an editor reads: a summary across files, filters by severity and
/// rule, and per article a list of findings linking to their places in the article shown as a
/// reader sees it (headline, byline, figures with caption and credit, body; page chrome
/// collapsed), the flagged text highlighted with the message beside it. No network; readable on
/// a phone. Findings outside the article's text (front matter, markup) are shown on their
/// source line.
public struct HTMLReporter: Reporter {
    public static let name = "html"
    public static let summary = "self-contained HTML report: each article as a reader sees it, findings highlighted in place"
    public static let needs: ReportNeeds = [.sourceLines, .readingView]

    public init() {}

    static let style = """
        *{box-sizing:border-box}body{font:16px/1.55 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;\
        max-width:52em;padding:1em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2.5em;\
        border-bottom:2px solid #ddd;word-break:break-all}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\
        table{display:block;overflow-x:auto}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}#filters{position:sticky;top:0;\
        background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}#filters label{margin-right:1em}\
        ol.findings{padding-left:1.5em}li.finding{margin:.4em 0}.sev{font-size:.8em;text-transform:uppercase;\
        font-weight:600}.error .sev,.sev.error{color:#b71c1c}.warning .sev,.sev.warning{color:#e65100}\
        .suggestion .sev,.sev.suggestion{color:#0d47a1}.rule{font-family:monospace;color:#555}\
        details.about{color:#444;font-size:.9em}details.about p{white-space:pre-wrap;margin:.3em 0}\
        .reader{font-family:Georgia,serif;border:1px solid #e0e0e0;border-radius:4px;padding:.5em 1.2em;margin:1em 0}\
        .reader .headline{font-size:1.5em;margin:.4em 0}.standfirst{font-size:1.1em;color:#444}.meta{color:#666;\
        font-size:.9em}.notice{color:#666;font-size:.85em}figure{margin:1em 0;border-left:3px solid #ccc;padding-left:.8em}\
        .image{background:#eee;color:#777;font:.8em sans-serif;padding:1.5em;text-align:center}\
        figcaption{font-size:.92em}.credit{color:#666;font-size:.9em}details.chrome{color:#888;font-size:.85em;\
        margin:.5em 0}mark{padding:0 .1em;border-radius:2px}mark.error{background:#ffcdd2}mark.warning{background:#ffe0b2}\
        mark.suggestion{background:#bbdefb}.note{font:.78em sans-serif;text-decoration:none;padding:0 .3em;margin-left:.2em;\
        border-radius:3px;background:#f5f5f5}.note.error{color:#b71c1c}.note.warning{color:#e65100}\
        .note.suggestion{color:#0d47a1}.off{display:none}mark.off{display:inline;background:none}\
        .elsewhere .line{font-family:monospace;white-space:pre-wrap;font-size:.85em;background:#fafafa;padding:.3em}\
        .input{color:#b71c1c}:target{outline:2px solid #333}
        """

    /// Shows a finding only when its severity is ticked and its rule chosen.
    static let script = """
        function filter(){const s=new Set([...document.querySelectorAll('#filters input:checked')].map(i=>i.value));\
        const r=document.getElementById('rule').value;document.querySelectorAll('[data-rule]').forEach(e=>\
        e.classList.toggle('off',!(s.has(e.dataset.severity)&&(r===''||r===e.dataset.rule))));}\
        document.getElementById('filters').addEventListener('change',filter);
        """

    /// The line with the flagged columns wrapped in <mark>, trimmed to a window around them.
    static func highlighted(_ line: String, _ range: SourceRange, attributes: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(max(0, range.start.column - 1), scalars.count)
        let end = range.end.line == range.start.line ? min(max(start, range.end.column - 1), scalars.count) : scalars.count
        let from = max(0, start - 120), to = min(scalars.count, end + 120)
        func text(_ r: Range<Int>) -> String { xmlEscape(String(scalars: scalars[r])) }
        return (from > 0 ? "…" : "") + text(from..<start) + "<mark \(attributes)>" + text(start..<end) + "</mark>" + text(end..<to)
            + (to < scalars.count ? "…" : "")
    }

    public func render(_ report: RunReport) -> String {
        let errors = report.count(.error), warnings = report.count(.warning), suggestions = report.count(.suggestion)
        let shown = report.files.enumerated().filter { $0.element.error != nil || !$0.element.diagnostics.isEmpty }
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Copydesk report</title>"
        out += "<style>\(Self.style)</style></head><body>\n<h1>Copydesk report</h1>\n"
        out += "<p>\(report.files.count) files: \(errors) errors, \(warnings) warnings, \(suggestions) suggestions.</p>\n"
        out += summary(report, shown.map { $0.offset })
        out += "<form id=\"filters\">" + Severity.allCases.reversed().map {
            "<label><input type=\"checkbox\" value=\"\($0.rawValue)\" checked> \($0.rawValue)</label>"
        }.joined()
        let rules = Set(report.files.flatMap { $0.diagnostics.map(\.rule) }).sorted()
        out += "<label>rule <select id=\"rule\"><option value=\"\">all</option>"
            + rules.map { "<option>\(xmlEscape($0))</option>" }.joined() + "</select></label></form>\n"
        let about = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, file) in shown { out += section(file, id: "f\(index)", about: about) }
        return out + "<script>\(Self.script)</script>\n</body></html>\n"
    }

    /// Counts per file (linked to its section) and per rule.
    func summary(_ report: RunReport, _ shown: [Int]) -> String {
        guard !shown.isEmpty else { return "" }
        var out = "<details open><summary>Summary</summary><table><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Suggestions</th></tr>"
        for i in shown {
            let file = report.files[i]
            let counts = Severity.allCases.reversed().map { s in file.diagnostics.filter { $0.severity == s }.count }
            out += "<tr><td><a href=\"#f\(i)\">\(xmlEscape(file.path))</a>\(file.error != nil ? " (not linted)" : "")</td>"
                + counts.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        out += "</table><table><tr><th>Rule</th><th>Findings</th></tr>"
        var perRule: [String: Int] = [:]
        for d in report.files.flatMap(\.diagnostics) { perRule[d.rule, default: 0] += 1 }
        for (rule, n) in perRule.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "<tr><td class=\"rule\">\(xmlEscape(rule))</td><td>\(n)</td></tr>"
        }
        return out + "</table></details>\n"
    }

    /// What the filters read: the finding's severity and rule.
    func data(_ d: Diagnostic) -> String {
        "data-severity=\"\(d.severity.rawValue)\" data-rule=\"\(xmlEscape(d.rule))\""
    }

    /// A highlight's class and filter data.
    func attributes(_ d: Diagnostic) -> String {
        "class=\"\(d.severity.rawValue)\" " + data(d)
    }

    /// One file: its findings, then the article with them in place.
    func section(_ file: FileReport, id: String, about: [String: RuleInfo]) -> String {
        var out = "<section id=\"\(id)\"><h2>\(xmlEscape(file.path))</h2>\n"
        if let error = file.error {
            let at = error.location.map { " (line \($0.line), column \($0.column))" } ?? ""
            out += "<p class=\"input\">Could not lint this file\(at): \(xmlEscape(error.message))</p>\n"
        }
        let placed = Set(file.reading?.flatMap { $0.marks.map(\.finding) } ?? [])
        out += "<ol class=\"findings\">\n"
        for (k, d) in file.diagnostics.enumerated() {
            out += "<li id=\"\(id)-l\(k)\" class=\"finding \(d.severity.rawValue)\" \(data(d))><a href=\"#\(id)-\(k)\">line \(d.range.start.line), "
            out += "column \(d.range.start.column)</a> <span class=\"sev\">\(d.severity.rawValue)</span> "
            out += "<span class=\"rule\">\(xmlEscape(d.rule))</span>: \(xmlEscape(d.message))"
            if let rule = about[d.rule], !(rule.summary + rule.help).isEmpty {
                out += "<details class=\"about\"><summary>About this rule</summary><p>\(xmlEscape(rule.summary))</p>"
                out += rule.help.isEmpty ? "" : "<p>\(xmlEscape(rule.help))</p>"
                out += "</details>"
            }
            out += "</li>\n"
        }
        out += "</ol>\n"
        if let reading = file.reading, !reading.isEmpty {
            out += "<div class=\"reader\">\n" + article(reading, file.diagnostics, id: id, about: about) + "</div>\n"
        }
        let elsewhere = file.diagnostics.indices.filter { !placed.contains($0) }
        if !elsewhere.isEmpty {
            out += "<div class=\"elsewhere\"><h3>Outside the article's text</h3>\n"
            for k in elsewhere {
                let d = file.diagnostics[k]
                let line = file.lines[d.range.start.line].map { Self.highlighted($0, d.range, attributes: attributes(d)) } ?? ""
                out += "<div class=\"finding\" id=\"\(id)-\(k)\" \(data(d))>line \(d.range.start.line): "
                out += "<span class=\"line\">\(line)</span> <span class=\"note \(d.severity.rawValue)\">\(xmlEscape(d.message))</span></div>\n"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    /// The blocks in reading order: figures' captions and credits together, runs of page chrome
    /// collapsed (open when a finding is inside).
    func article(_ blocks: [ReadingBlock], _ diagnostics: [Diagnostic], id: String, about: [String: RuleInfo]) -> String {
        var out = "", i = 0
        var started = Set<Int>()
        while i < blocks.count {
            let block = blocks[i]
            if block.role == .chrome {
                var j = i
                while j < blocks.count, blocks[j].role == .chrome { j += 1 }
                let run = blocks[i..<j]
                let flagged = run.contains { !$0.marks.isEmpty }
                out += "<details class=\"chrome\"\(flagged ? " open" : "")><summary>page chrome (\(run.count) blocks)</summary>"
                out += run.map { "<p>" + text($0, diagnostics, id: id, about: about, started: &started) + "</p>" }.joined() + "</details>\n"
                i = j
            } else if let figure = block.figure, [.caption, .credit].contains(block.role) {
                var j = i
                while j < blocks.count, blocks[j].figure == figure, [.caption, .credit].contains(blocks[j].role) { j += 1 }
                out += "<figure><div class=\"image\">image</div><figcaption>"
                out += blocks[i..<j].map { b in
                    b.role == .credit ? "<span class=\"credit\">" + text(b, diagnostics, id: id, about: about, started: &started) + "</span>"
                                      : text(b, diagnostics, id: id, about: about, started: &started)
                }.joined(separator: " ")
                out += "</figcaption></figure>\n"
                i = j
            } else {
                let (open, close): (String, String) = switch block.role {
                case .headline: ("<h3 class=\"headline\">", "</h3>")
                case .heading: ("<h4>", "</h4>")
                case .standfirst: ("<p class=\"standfirst\">", "</p>")
                case .byline, .dateline: ("<p class=\"meta\">", "</p>")
                case .blockquote: ("<blockquote>", "</blockquote>")
                case .notice: ("<p class=\"notice\">", "</p>")
                default: ("<p>", "</p>")
                }
                out += open + text(block, diagnostics, id: id, about: about, started: &started) + close + "\n"
                i += 1
            }
        }
        return out
    }

    /// A block's text with each finding's scalars in a <mark> (nested where findings overlap),
    /// the first mark of a finding carrying its anchor, its message beside its last, linked to its
    /// entry in the list (where the rule is explained) and titled with the rule's summary.
    func text(_ block: ReadingBlock, _ diagnostics: [Diagnostic], id: String, about: [String: RuleInfo],
              started: inout Set<Int>) -> String {
        func escaped(_ r: Range<Int>) -> String { xmlEscape(String(scalars: block.text[r])) }
        guard !block.marks.isEmpty else { return escaped(0..<block.text.count) }
        let cuts = Set([0, block.text.count] + block.marks.flatMap { [$0.range.lowerBound, $0.range.upperBound] }).sorted()
        var out = ""
        for (from, to) in zip(cuts, cuts.dropFirst()) where from < to {
            let covering = block.marks.filter { $0.range.lowerBound <= from && to <= $0.range.upperBound }
            var piece = escaped(from..<to)
            for mark in covering.reversed() {
                let anchor = started.insert(mark.finding).inserted ? " id=\"\(id)-\(mark.finding)\"" : ""
                piece = "<mark\(anchor) \(attributes(diagnostics[mark.finding]))>" + piece + "</mark>"
            }
            out += piece
            for mark in covering where mark.range.upperBound == to {
                let d = diagnostics[mark.finding]
                out += "<a class=\"note \(d.severity.rawValue)\" \(data(d)) href=\"#\(id)-l\(mark.finding)\" "
                out += "title=\"\(xmlEscape(about[d.rule]?.summary ?? ""))\">\(xmlEscape(d.rule)): \(xmlEscape(d.message))</a>"
            }
        }
        return out
    }
}
