/// A rule ready to run: its YAML definition and the check built from its parameters.
public struct CompiledRule: Sendable {
    public let rule: Rule
    public let check: any CheckKind

    public init(rule: Rule, check: any CheckKind) {
        self.rule = rule
        self.check = check
    }
}

/// Runs compiled rules over parsed articles and turns findings into diagnostics.
///
/// The engine never prints and never touches files; it is what a CMS embeds.
public struct Engine: Sendable {
    public let rules: [CompiledRule]
    public let currentYear: Int

    public init(rules: [CompiledRule], currentYear: Int) {
        self.rules = rules.filter { $0.rule.enabled }
        self.currentYear = currentYear
    }

    /// Every diagnostic for `article`, suppressions applied, in source order.
    public func lint(_ article: Article, enabled: (Rule) -> Bool = { _ in true }) -> [Diagnostic] {
        var used = Set<Int>()
        return lint(article, enabled: enabled, usedSuppressions: &used)
    }

    /// Every diagnostic for `article`, suppressions applied; `usedSuppressions` gains the index of
    /// every inline suppression region that silenced a finding. Run in a task that is cancelled,
    /// it stops at the next rule (a server's time limit), its findings incomplete.
    public func lint(_ article: Article, enabled: (Rule) -> Bool = { _ in true }, usedSuppressions: inout Set<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var blocksInScope: [Scope: [Int]] = [:]   // many rules share a scope
        for compiled in rules where enabled(compiled.rule) {
            if Task.isCancelled { break }
            let rule = compiled.rule
            let blocks = blocksInScope[rule.scope] ?? article.blockIndices(rule.scope.roles)
            blocksInScope[rule.scope] = blocks
            let context = CheckContext(article: article, blocks: blocks, currentYear: currentYear)
            for finding in compiled.check.check(context) {
                let silencing = article.suppressions.regions(silencing: rule.id, at: finding.range.start.line)
                usedSuppressions.formUnion(silencing)
                guard silencing.isEmpty, !article.suppressions.disabledRules.contains(rule.id) else { continue }
                out.append(Diagnostic(rule: rule.id, severity: finding.severity ?? rule.severity,
                                      message: finding.message ?? renderMessage(rule.message, finding),
                                      range: finding.range, excerpt: excerptText(finding.excerpt),
                                      related: finding.related, fix: finding.fix,
                                      confidence: finding.confidence, evidence: finding.evidence))
            }
        }
        return out.sorted(by: Diagnostic.ordered)
    }
}

/// Fills `{{name}}` placeholders from the finding's values; `{{match}}` defaults to the excerpt.
public func renderMessage(_ template: String, _ finding: Finding) -> String {
    guard template.contains("{{") else { return template }
    var out = ""
    var rest = template[...]
    while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
        out += rest[..<open.lowerBound]
        let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces
        if let value = finding.values[name] {
            out += value
        } else if name == "match" || name == "excerpt" {
            out += excerptText(finding.excerpt, limit: 80)
        } else {
            out += "{{\(name)}}"
        }
        rest = rest[close.upperBound...]
    }
    return out + rest
}

extension Substring {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[first...last])
    }
}
