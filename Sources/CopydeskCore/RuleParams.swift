/// A parameter value from a rule file, with the position it came from.
///
/// Rule and config loading turn YAML into this neutral tree, so that check kinds
/// never see the YAML library and can still report errors at the right place.
public struct ParamNode: Sendable {
    public enum Value: Sendable {
        case scalar(String)
        case list([ParamNode])
        case map([(key: String, value: ParamNode)])
    }
    public var value: Value
    public var location: SourceLocation?
    /// The file the value was written in (a user's config, a rule file), when known.
    public var file: String?
    /// Written in a rule file shipped inside the binary, whose every rule the test suite runs: a
    /// pattern from it may be compiled on first use rather than checked when it is loaded.
    public var shipped: Bool

    public init(_ value: Value, at location: SourceLocation? = nil, in file: String? = nil, shipped: Bool = false) {
        self.value = value
        self.location = location
        self.file = file
        self.shipped = shipped
    }

    /// The node's scalar text, or nil for lists and maps.
    public var scalar: String? {
        if case .scalar(let s) = value { return s }
        return nil
    }
}

/// A problem with a rule's parameters, at the offending node when known.
public struct ParamError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    /// The file that holds the offending value, when it is not the rule's own file (a user's config).
    public var file: String?

    public init(_ message: String, at location: SourceLocation?, in file: String? = nil) {
        self.message = message
        self.location = location
        self.file = file
    }

    /// An error at `node`, in the file it was written in.
    public init(_ message: String, at node: ParamNode?) {
        self.init(message, at: node?.location, in: node?.file)
    }

    public var description: String { message }
}

/// The `params:` map of a rule, with typed accessors that throw on a wrong type.
public struct RuleParams: Sendable {
    public let entries: [(key: String, value: ParamNode)]
    public let location: SourceLocation?

    public init(_ entries: [(key: String, value: ParamNode)] = [], at location: SourceLocation? = nil) {
        self.entries = entries
        self.location = location
    }

    public subscript(key: String) -> ParamNode? {
        entries.last { $0.key == key }?.value
    }

    /// Throws at the first key that is not in `known`.
    public func allowOnly(_ known: Set<String>) throws {
        if let bad = entries.first(where: { !known.contains($0.key) }) {
            let list = known.sorted().joined(separator: ", ")
            throw ParamError("unknown parameter '\(bad.key)'\(Suggestion.hint(for: bad.key, among: known.sorted())) (expected one of: \(list))", at: bad.value)
        }
    }

    public func string(_ key: String) throws -> String? {
        guard let node = self[key] else { return nil }
        guard let s = node.scalar else { throw ParamError("parameter '\(key)' must be a string", at: node) }
        return s
    }

    public func int(_ key: String) throws -> Int? {
        guard let node = self[key] else { return nil }
        guard let s = node.scalar, let n = Int(s) else {
            throw ParamError("parameter '\(key)' must be a whole number", at: node)
        }
        return n
    }

    public func double(_ key: String) throws -> Double? {
        guard let node = self[key] else { return nil }
        guard let s = node.scalar, let n = Double(s) else {
            throw ParamError("parameter '\(key)' must be a number", at: node)
        }
        return n
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let node = self[key] else { return nil }
        switch node.scalar?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ParamError("parameter '\(key)' must be true or false", at: node)
        }
    }

    /// A list of strings; a single string counts as a list of one.
    public func strings(_ key: String) throws -> [String]? {
        guard let node = self[key] else { return nil }
        switch node.value {
        case .scalar(let s): return [s]
        case .list(let items):
            return try items.map { item in
                guard let s = item.scalar else {
                    throw ParamError("parameter '\(key)' must be a list of strings", at: item)
                }
                return s
            }
        case .map: throw ParamError("parameter '\(key)' must be a list of strings", at: node)
        }
    }

    /// A map of strings to strings, in file order.
    public func stringMap(_ key: String) throws -> [(String, String)]? {
        guard let node = self[key] else { return nil }
        guard case .map(let pairs) = node.value else {
            throw ParamError("parameter '\(key)' must be a map", at: node)
        }
        return try pairs.map { pair in
            guard let v = pair.value.scalar else {
                throw ParamError("parameter '\(key).\(pair.key)' must be a string", at: pair.value)
            }
            return (pair.key, v)
        }
    }

    /// These parameters with `other`'s entries laid over them (a config overriding a rule file).
    public func merged(with other: RuleParams) -> RuleParams {
        let overridden = Set(other.entries.map(\.key))
        return RuleParams(entries.filter { !overridden.contains($0.key) } + other.entries, at: location)
    }
}
