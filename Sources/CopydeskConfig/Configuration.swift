import CopydeskCore
import Foundation
import Yams

/// Settings a config file gives one rule: `{severity, enabled, params, message}`.
public struct RuleSettings: Sendable {
    public var severity: Severity?
    public var enabled: Bool?
    public var params: RuleParams?
    public var message: String?

    func apply(to rule: inout Rule) {
        if let severity { rule.severity = severity }
        if let enabled { rule.enabled = enabled }
        if let params { rule.params = rule.params.merged(with: params) }
        if let message { rule.message = message }
    }
}

/// The configuration in force: the embedded default plus the user's file.
public struct Configuration: Sendable {
    /// Every rule of the enabled packs, with the config's settings applied.
    public private(set) var rules: [Rule] = []
    public private(set) var include: [Glob] = []
    public private(set) var exclude: [Glob] = []
    public private(set) var failOn: Severity = .error
    /// Per-file settings: files matching any glob get these rule settings.
    public private(set) var overrides: [(files: [Glob], rules: [String: RuleSettings])] = []
    /// The user's config file, if one was found.
    public private(set) var userFile: String?
    /// The folder globs are relative to (the user file's, else the current one).
    public private(set) var baseDirectory: String

    static let keys = ["version", "packs", "rules", "include", "exclude", "fail_on", "overrides"]

    /// The embedded default configuration alone (decoded once per process).
    public static func defaults() throws -> Configuration {
        var config = try embedded.get()
        config.baseDirectory = FileManager.default.currentDirectoryPath
        return config
    }

    private static let embedded = Result { () throws(ConfigError) -> Configuration in
        var config = Configuration(baseDirectory: "")
        do {
            try config.read(file: "config.yml (embedded)", text: EmbeddedResources.text(of: "config.yml") ?? "", directory: nil)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: "config.yml (embedded)", location: nil, message: "\(error)")
        }
        return config
    }

    /// The default configuration with a user configuration's text laid over it (`file` names it in errors).
    public static func defaults(overlaidWith text: String, file: String) throws -> Configuration {
        var config = try defaults()
        try config.read(file: file, text: text, directory: config.baseDirectory)
        return config
    }

    /// The default configuration plus the user's: `explicit` if given, else `.copydesk.yml` or
    /// `copydesk.yml` in `directory` or its parents.
    public static func load(explicit: String?, searchFrom directory: String) throws -> Configuration {
        var config = try defaults()
        config.baseDirectory = directory
        guard let path = explicit ?? discover(from: directory) else { return config }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, location: nil, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, location: nil, message: "the configuration file is not valid UTF-8")
        }
        let folder = (path as NSString).deletingLastPathComponent
        config.baseDirectory = folder.isEmpty ? directory : folder
        config.userFile = path
        try config.read(file: path, text: text, directory: config.baseDirectory)
        return config
    }

    /// The configuration file for `directory`: `.copydesk.yml` or `copydesk.yml` there or in a parent.
    public static func discover(from directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            for name in [".copydesk.yml", "copydesk.yml"] {
                let candidate = dir.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    private init(baseDirectory: String) {
        self.baseDirectory = baseDirectory
    }

    /// Lays one config file over what is loaded so far.
    private mutating func read(file: String, text: String, directory: String?) throws {
        let doc = try YAMLDocument(file: file, text: text)
        let root = doc.root
        try doc.allowOnly(root, Self.keys, in: "the configuration")
        if let version = root["version"], version.scalar?.string != "1" {
            throw doc.error(version, "unsupported configuration version (expected 1)")
        }
        for pack in try doc.strings(root, "packs") ?? [] {
            try loadPack(pack, directory: directory, doc: doc, node: root["packs"])
        }
        if let rulesNode = root["rules"] {
            guard let map = rulesNode.mapping else { throw doc.error(rulesNode, "'rules' must be a mapping of rule ids") }
            let settings = try Self.settings(map, doc: doc)
            for (id, setting) in settings {
                guard let index = rules.firstIndex(where: { $0.id == id }) else {
                    throw doc.error(map.first { $0.key.scalar?.string == id }?.key, "unknown rule '\(id)'\(Suggestion.hint(for: id, among: rules.map(\.id))) (see `copydesk rules`)")
                }
                setting.apply(to: &rules[index])
            }
        }
        include += try (doc.strings(root, "include") ?? []).map { try glob($0, doc: doc, node: root["include"]) }
        exclude += try (doc.strings(root, "exclude") ?? []).map { try glob($0, doc: doc, node: root["exclude"]) }
        if let failOn = try doc.severity(root, "fail_on") { self.failOn = failOn }
        if let node = root["overrides"] {
            guard let list = node.sequence else { throw doc.error(node, "'overrides' must be a list") }
            for item in list {
                guard let map = item.mapping else { throw doc.error(item, "an override is a mapping with 'files' and 'rules'") }
                try doc.allowOnly(map, ["files", "rules"], in: "an override")
                let files = try (doc.strings(map, "files") ?? []).map { try glob($0, doc: doc, node: map["files"]) }
                guard let rulesMap = map["rules"]?.mapping else { throw doc.error(item, "an override needs 'rules'") }
                let settings = try Self.settings(rulesMap, doc: doc)
                for id in settings.keys where !rules.contains(where: { $0.id == id }) {
                    throw doc.error(rulesMap.first { $0.key.scalar?.string == id }?.key, "unknown rule '\(id)'\(Suggestion.hint(for: id, among: rules.map(\.id)))")
                }
                overrides.append((files, settings))
            }
        }
    }

    private func glob(_ pattern: String, doc: YAMLDocument, node: Node?) throws -> Glob {
        do { return try Glob(pattern) } catch { throw doc.error(node, "invalid glob '\(pattern)'") }
    }

    private static func settings(_ map: Node.Mapping, doc: YAMLDocument) throws -> [String: RuleSettings] {
        var result: [String: RuleSettings] = [:]
        for (key, value) in map {
            guard let id = key.scalar?.string else { throw doc.error(key, "a rule id must be a string") }
            guard let settings = value.mapping else {
                throw doc.error(value, "settings for '\(id)' must be a mapping like {severity: warning}")
            }
            try doc.allowOnly(settings, ["severity", "enabled", "params", "message"], in: "settings for '\(id)'")
            result[id] = RuleSettings(severity: try doc.severity(settings, "severity"), enabled: try doc.bool(settings, "enabled"),
                                      params: try doc.params(settings, "params"), message: try doc.string(settings, "message"))
        }
        return result
    }

    /// Adds a shipped pack by name, or a folder of rule files relative to the config file.
    private mutating func loadPack(_ pack: String, directory: String?, doc: YAMLDocument, node: Node?) throws {
        let embedded = EmbeddedResources.files.filter { $0.path.hasPrefix("Rules/\(pack)/") && $0.path.hasSuffix(".yml") }
        var loaded: [Rule] = []
        if !embedded.isEmpty, !pack.contains("/") {
            loaded = try embedded.map { try RuleLoader.rule(file: $0.path, text: $0.text, pack: pack, shipped: true) }
        } else if let directory {
            let folder = pack.hasPrefix("/") ? pack : (directory as NSString).appendingPathComponent(pack)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw doc.error(node, "pack '\(pack)' is neither a shipped pack nor a readable folder (\(folder))")
            }
            for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw ConfigError(file: path, location: nil, message: "cannot read the rule file")
                }
                loaded.append(try RuleLoader.rule(file: path, text: text, pack: pack))
            }
        } else {
            throw doc.error(node, "unknown pack '\(pack)'")
        }
        for rule in loaded {
            if let existing = rules.firstIndex(where: { $0.id == rule.id }) {
                rules[existing] = rule   // a later pack overrides a shipped rule of the same id
            } else {
                rules.append(rule)
            }
        }
    }

    /// Instantiates the check of every enabled rule; the first bad one is an error. Disabled
    /// rules are checked when a config enables them (or by the rule-example tests).
    public func compile(registry: CheckKindRegistry) throws -> [CompiledRule] {
        try rules.filter(\.enabled).map { try RuleLoader.compile($0, registry: registry) }
    }

    /// Applies `overrides` to one file's diagnostics: drops disabled rules, changes severities.
    /// The path is worked out only when there are overrides (it may cost a look at the file system).
    public func adjust(_ diagnostics: [Diagnostic], forPath relativePath: @autoclosure () -> String) -> [Diagnostic] {
        guard !overrides.isEmpty else { return diagnostics }
        let path = relativePath()
        let matching = overrides.filter { $0.files.contains { $0.matches(path) } }
        guard !matching.isEmpty else { return diagnostics }
        return diagnostics.compactMap { d in
            var d = d
            for override in matching {
                guard let settings = override.rules[d.rule] else { continue }
                if settings.enabled == false { return nil }
                if let severity = settings.severity { d.severity = severity }
            }
            return d
        }
    }

    /// Whether a path (relative to `baseDirectory`) is to be linted when found by walking a folder.
    public func selects(_ relativePath: String) -> Bool {
        if exclude.contains(where: { $0.matches(relativePath) }) { return false }
        return include.isEmpty || include.contains { $0.matches(relativePath) }
    }
}
