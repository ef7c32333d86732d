import CopydeskCore
import Yams

/// A YAML file read with `Yams.compose`, so that every value keeps its line and column.
struct YAMLDocument {
    let file: String
    /// A file shipped inside the binary (see `ParamNode.shipped`).
    let shipped: Bool
    let root: Node.Mapping

    init(file: String, text: String, shipped: Bool = false) throws {
        self.file = file
        self.shipped = shipped
        do {
            // no implicit typing: values are read as the strings they are written as, and the default
            // resolver's patterns, run on every key each mapping look-up compares, cost most of a load
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                root = Node.Mapping([])
                return
            }
            guard let mapping = node.mapping else {
                throw ConfigError(file: file, location: Self.location(node), message: "expected a mapping of keys to values")
            }
            root = mapping
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw ConfigError(file: file, location: SourceLocation(line: mark.line, column: mark.column),
                                  message: "invalid YAML: \(problem)")
            case .duplicatedKeysInMapping(let keys, let context):
                throw ConfigError(file: file, location: SourceLocation(line: context.mark.line, column: context.mark.column),
                                  message: "duplicate key \(keys.sorted().map { "'\($0)'" }.joined(separator: ", ")) in this mapping (a later one would silently replace the first)")
            default:
                throw ConfigError(file: file, location: nil, message: "invalid YAML: \(error)")
            }
        }
    }

    static func location(_ node: Node?) -> SourceLocation? {
        node?.mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }

    func error(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(file: file, location: Self.location(node), message: message)
    }

    /// Throws at the first key of `mapping` not in `known`.
    func allowOnly(_ mapping: Node.Mapping, _ known: [String], in what: String) throws {
        for (key, _) in mapping {
            guard let name = key.scalar?.string, known.contains(name) else {
                let name = key.scalar?.string ?? "?"
                throw error(key, "unknown key '\(name)' in \(what)\(Suggestion.hint(for: name, among: known)) (expected one of: \(known.joined(separator: ", ")))")
            }
        }
    }

    func string(_ mapping: Node.Mapping, _ key: String) throws -> String? {
        guard let node = mapping[key] else { return nil }
        guard let s = node.scalar?.string else { throw error(node, "'\(key)' must be a string") }
        return s
    }

    func bool(_ mapping: Node.Mapping, _ key: String) throws -> Bool? {
        guard let node = mapping[key] else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "'\(key)' must be true or false")
        }
    }

    func strings(_ mapping: Node.Mapping, _ key: String) throws -> [String]? {
        guard let node = mapping[key] else { return nil }
        if let s = node.scalar?.string { return [s] }
        guard let list = node.sequence else { throw error(node, "'\(key)' must be a list of strings") }
        return try list.map { item in
            guard let s = item.scalar?.string else { throw error(item, "'\(key)' must be a list of strings") }
            return s
        }
    }

    func severity(_ mapping: Node.Mapping, _ key: String) throws -> Severity? {
        guard let value = try string(mapping, key) else { return nil }
        guard let severity = Severity(rawValue: value) else {
            throw error(mapping[key], "'\(key)' must be one of: error, warning, suggestion (got '\(value)')")
        }
        return severity
    }

    /// The most values a rule's parameters may hold once YAML aliases are expanded: far more than
    /// any lexicon needs, far fewer than an alias bomb ("billion laughs") expands to.
    static let maxParamValues = 200_000

    /// The neutral parameter tree of a node, counting values against `budget`.
    func param(_ node: Node, budget: inout Int) throws -> ParamNode {
        budget -= 1
        guard budget >= 0 else {
            throw error(node, "the parameters hold more than \(Self.maxParamValues) values once aliases are expanded (a YAML alias bomb?)")
        }
        switch node {
        case .scalar(let scalar): return ParamNode(.scalar(scalar.string), at: Self.location(node), in: file, shipped: shipped)
        case .sequence(let seq):
            return ParamNode(.list(try seq.map { try param($0, budget: &budget) }), at: Self.location(node), in: file, shipped: shipped)
        case .mapping(let map):
            return ParamNode(.map(try map.map { (key: $0.key.scalar?.string ?? "", value: try param($0.value, budget: &budget)) }),
                             at: Self.location(node), in: file, shipped: shipped)
        case .alias: return ParamNode(.scalar(""), at: Self.location(node), in: file, shipped: shipped)
        }
    }

    func params(_ mapping: Node.Mapping, _ key: String) throws -> RuleParams? {
        guard let node = mapping[key] else { return nil }
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" { return RuleParams() }
        guard let map = node.mapping else { throw error(node, "'\(key)' must be a mapping") }
        var budget = Self.maxParamValues
        return RuleParams(try map.map { (key: $0.key.scalar?.string ?? "", value: try param($0.value, budget: &budget)) },
                          at: Self.location(node))
    }
}
