/// "Did you mean …?": the known name closest to a mistyped one, as compilers and git suggest.
public enum Suggestion {
    /// The candidate nearest `name` by edit distance, if it is near enough to be the intended one:
    /// at most a third of the name's length, so `explian` finds `explain` and `quote` finds nothing
    /// among rule ids (a prefix of `quote-unattributed` is found by `hint`).
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(Array(name.lowercased()), Array(candidate.lowercased()))
            if d <= limit, d < best?.1 ?? .max { best = (candidate, d) }
        }
        return best?.0
    }

    /// "; did you mean 'X'?" for the nearest candidate, else for the only one containing `name`
    /// (`quote` → `quote-unattributed`), else "".
    public static func hint(for name: String, among candidates: [String]) -> String {
        if let near = closest(to: name, among: candidates) { return "; did you mean '\(near)'?" }
        let containing = candidates.filter { $0.contains(name) }
        if name.count >= 3, containing.count == 1 { return "; did you mean '\(containing[0])'?" }
        return ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
