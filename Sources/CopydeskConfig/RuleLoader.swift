import CopydeskChecks
import CopydeskCore
import Foundation
import Yams

/// Reads rule files (`Rules/<pack>/<id>.yml`): a check kind, its severity, message,
/// scope, parameters and examples.
public enum RuleLoader {
    static let keys = ["id", "kind", "severity", "message", "description", "scope", "params", "examples", "enabled"]

    /// The keys of a rule file that `RuleDetails` holds.
    static let detailKeys: Set<String> = ["description", "examples"]

    /// Parses one rule file; `pack` is the pack's name or folder, `shipped` whether the file is
    /// one of the binary's own (see `ParamNode.shipped`). A shipped file's description and examples
    /// are read when first asked for: the rest of it is read with those lines left blank.
    public static func rule(file: String, text: String, pack: String, shipped: Bool = false) throws -> Rule {
        let doc = try YAMLDocument(file: file, text: shipped ? blanking(detailKeys, in: text) : text, shipped: shipped)
        let root = doc.root
        try doc.allowOnly(root, keys, in: "a rule")
        guard let id = try doc.string(root, "id") else { throw doc.error(nil, "a rule needs an 'id'") }
        guard isKebabCase(id) else { throw doc.error(root["id"], "rule id '\(id)' must be kebab-case (letters, digits, '-')") }
        guard let kind = try doc.string(root, "kind") else { throw doc.error(root["id"], "rule '\(id)' needs a 'kind'") }
        var scope = Scope.body
        if let s = try doc.string(root, "scope") {
            guard let parsed = Scope(rawValue: s) else {
                let all = Scope.allCases.map(\.rawValue).joined(separator: ", ")
                throw doc.error(root["scope"], "unknown scope '\(s)' (expected one of: \(all))")
            }
            scope = parsed
        }
        let details = shipped ? RuleDetails(reading: {
            do {
                return try Self.details(YAMLDocument(file: file, text: text, shipped: true))
            } catch {
                preconditionFailure("the shipped rule file \(file) does not read: \(error)")   // the example tests read every one
            }
        }) : RuleDetails(try Self.details(doc))
        return Rule(id: id, kind: kind, severity: try doc.severity(root, "severity") ?? .warning,
                    message: try doc.string(root, "message") ?? id, details: details, scope: scope,
                    params: try doc.params(root, "params") ?? RuleParams(), pack: pack,
                    enabled: try doc.bool(root, "enabled") ?? true, file: file)
    }

    /// A rule file's description and examples.
    static func details(_ doc: YAMLDocument) throws -> RuleDetails.Value {
        var details = RuleDetails.Value(description: try doc.string(doc.root, "description") ?? "")
        if let examples = doc.root["examples"] {
            guard let map = examples.mapping else { throw doc.error(examples, "'examples' must be a mapping") }
            try doc.allowOnly(map, ["triggering", "passing"], in: "examples")
            details.triggering = try self.examples(map["triggering"], doc)
            details.passing = try self.examples(map["passing"], doc)
        }
        return details
    }

    /// `text` with the values of its top-level `keys` blanked, line by line, so that every other
    /// value keeps its line and column. A top-level key opens a line with a letter; what follows it,
    /// up to the next line that opens so, is its value (a list may stand at the key's own indent).
    /// Done on the bytes: splitting the text into characters would cost what the blanking saves.
    static func blanking(_ keys: Set<String>, in text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var written = 0, blank = false, start = 0
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    let first = bytes[start]
                    if (first | 0x20) &- 0x61 < 26 || first == 0x5F, let colon = bytes[start..<end].firstIndex(of: 0x3A) {
                        blank = keys.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self))
                    }
                    // a blanked line keeps its line end, so that the lines after it keep their numbers
                    let kept = blank ? (end < bytes.count ? end..<(end + 1) : end..<end) : start..<min(end + 1, bytes.count)
                    for i in kept {
                        out[written] = bytes[i]
                        written += 1
                    }
                    start = end + 1
                }
                return written
            }
        }
    }

    static func examples(_ node: Node?, _ doc: YAMLDocument) throws -> [RuleExample] {
        guard let node else { return [] }
        guard let list = node.sequence else { throw doc.error(node, "examples must be a list") }
        return try list.map { item in
            if let text = item.scalar?.string { return RuleExample(text: text) }
            guard let map = item.mapping else { throw doc.error(item, "an example is a string or a mapping with 'text'") }
            try doc.allowOnly(map, ["text", "format", "published", "params", "message"], in: "an example")
            guard let text = try doc.string(map, "text") else { throw doc.error(item, "an example needs 'text'") }
            var params: [String: String] = [:]
            for (key, value) in try doc.params(map, "params")?.entries ?? [] {
                guard let scalar = value.scalar else { throw doc.error(item, "an example's params must be plain values") }
                params[key] = scalar
            }
            return RuleExample(text: text, format: try doc.string(map, "format"), published: try doc.string(map, "published"),
                               params: params, message: try doc.string(map, "message"))
        }
    }

    /// An external rule's `command`, when a relative path (`./plugin.py`, `plugins/x`), is
    /// relative to the rule file's folder, so that a pack can carry its plugins.
    static func resolvingCommand(_ rule: Rule) -> RuleParams {
        guard rule.kind == ExternalCheck.name, let node = rule.params["command"], !rule.file.hasPrefix("Rules/") else { return rule.params }
        let folder = (rule.file as NSString).deletingLastPathComponent
        func resolve(_ s: String) -> String {
            s.contains("/") && !s.hasPrefix("/") ? (folder as NSString).appendingPathComponent(s) : s
        }
        let resolved: ParamNode
        switch node.value {
        case .scalar(let s): resolved = ParamNode(.scalar(resolve(s)), at: node.location)
        case .list(let items) where !items.isEmpty:
            resolved = ParamNode(.list(items.map { ParamNode(.scalar(resolve($0.scalar ?? "")), at: $0.location) }), at: node.location)
        default: return rule.params
        }
        return rule.params.merged(with: RuleParams([(key: "command", value: resolved)]))
    }

    static func isKebabCase(_ id: String) -> Bool {
        // an ASCII id (all of the shipped ones) is checked on its bytes, skipping Unicode's tables
        if id.utf8.allSatisfy({ $0 < 0x80 }) {
            return id.utf8.first.map { $0 &- 0x61 < 26 } ?? false
                && id.utf8.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x2D }
        }
        return !id.isEmpty && id.first!.isLetter && id.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    /// Instantiates a rule's check kind with its parameters; errors name the rule file and position.
    public static func compile(_ rule: Rule, registry: CheckKindRegistry) throws -> CompiledRule {
        guard let kind = registry[rule.kind] else {
            let known = registry.kinds.keys.sorted().joined(separator: ", ")
            throw ConfigError(file: rule.file, location: nil, message: "rule '\(rule.id)': unknown kind '\(rule.kind)' (known kinds: \(known))")
        }
        do {
            return CompiledRule(rule: rule, check: try kind.init(params: resolvingCommand(rule)))
        } catch let error as ParamError {
            throw ConfigError(file: error.file ?? rule.file, location: error.location ?? rule.params.location,
                              message: "rule '\(rule.id)': \(error.message)")
        }
    }
}
