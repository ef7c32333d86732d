import CopydeskCore
import CopydeskReporters
import Foundation

/// Known findings, so that CI fails only on new ones.
///
/// A finding is known by path, rule and `Fingerprint` (rule plus flagged text, white space
/// folded), never by line: lines added above it or re-wrapped text keep it known, and a
/// fixed finding simply stops matching. Identical findings are counted.
public struct Baseline: Sendable {
    struct Entry: Codable, Hashable {
        var path: String
        var rule: String
        var fingerprint: String
        /// For people reading the file; not used to match.
        var excerpt: String
    }
    struct File: Codable {
        var version: Int
        var findings: [Entry]
    }

    private var counts: [Entry: Int] = [:]
    private var entries: [Entry] = []

    static func key(_ path: String, _ d: Diagnostic) -> Entry {
        Entry(path: path.withoutDotSlash, rule: d.rule,
              fingerprint: Fingerprint.of(d), excerpt: "")
    }

    /// A baseline of every finding in `reports`.
    public init(reports: [FileReport]) {
        for file in reports {
            for d in file.diagnostics {
                var entry = Self.key(file.path, d)
                counts[entry, default: 0] += 1
                entry.excerpt = String(d.excerpt.prefix(80))
                entries.append(entry)
            }
        }
    }

    /// Reads a baseline file written by `write(to:)`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the baseline file \(path)")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == 1 else { throw InputError("\(path): unsupported baseline version \(file.version)") }
            for var entry in file.findings {
                entries.append(entry)
                entry.excerpt = ""
                counts[entry, default: 0] += 1
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("\(path) is not a Copydesk baseline: \(error.localizedDescription)")
        }
    }

    /// Writes the baseline as stable, sorted JSON.
    public func write(to path: String) throws {
        let sorted = entries.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(File(version: 1, findings: sorted)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The reports with known findings removed.
    public func filter(_ reports: [FileReport]) -> [FileReport] {
        var remaining = counts
        return reports.map { file in
            var file = file
            file.diagnostics = file.diagnostics.filter { d in
                let key = Self.key(file.path, d)
                guard let n = remaining[key], n > 0 else { return true }
                remaining[key] = n - 1
                return false
            }
            return file
        }
    }
}
