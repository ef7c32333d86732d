import Foundation

/// Finds the article files under the paths a user gives.
///
/// Folders are walked recursively for known extensions; hidden folders (`.git`) and
/// `node_modules` are skipped, and a folder reached twice (a link back up) is walked once; a
/// file named explicitly is taken unless `forceExclude` holds and the configuration leaves it out
/// (as Ruff's `--force-exclude`: a commit hook names files itself). What could not be walked or followed — a folder it
/// may not read, a link to nothing or to itself — is returned with the reason, never dropped.
public struct FileDiscovery {
    public let extensions: Set<String>
    /// Returns false for paths (relative to the config's folder) to leave out.
    public let selects: (String) -> Bool

    public init(extensions: Set<String>, selects: @escaping (String) -> Bool) {
        self.extensions = extensions
        self.selects = selects
    }

    /// The files to lint, in a stable order, each once; and the paths it had to leave, with why.
    public func files(in paths: [String], relativeTo base: String,
                      forceExclude: Bool = false) -> (files: [String], skipped: [(path: String, reason: String)]) {
        var out: [String] = []
        var skipped: [(path: String, reason: String)] = []
        var seen = Set<String>()
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                if !forceExclude || selects(Self.relative(path, to: base)), seen.insert(Self.realPath(path)).inserted { out.append(path) }
                continue
            }
            var visited = Set<String>()
            walk(path, into: &out, skipped: &skipped, seen: &seen, visited: &visited, base: base)
        }
        return (out, skipped)
    }

    private func walk(_ dir: String, into out: inout [String], skipped: inout [(path: String, reason: String)],
                      seen: inout Set<String>, visited: inout Set<String>, base: String) {
        guard visited.insert(Self.realPath(dir)).inserted else { return }   // reached again by a link: walked once
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir)
        } catch {
            skipped.append((dir, "cannot read the folder (\(opendir(dir) == nil ? String(cString: strerror(errno)) : "unreadable"))"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") && name != "node_modules" {
            let path = dir == "." ? name : (dir as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                // a link whose target is missing or is the link itself
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    let loop = stat(path, &info) != 0 && errno == ELOOP
                    skipped.append((path, loop ? "a symbolic link loop" : "a symbolic link to nothing"))
                }
                continue
            }
            if isDir.boolValue {
                walk(path, into: &out, skipped: &skipped, seen: &seen, visited: &visited, base: base)
            } else if extensions.contains((name as NSString).pathExtension.lowercased()),
                      selects(Self.relative(path, to: base)), seen.insert(Self.realPath(path)).inserted {
                out.append(path)
            }
        }
    }

    /// The canonical path, all links resolved (the path itself when it cannot be resolved).
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` relative to `base` when it lies inside it.
    public static func relative(_ path: String, to base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        let root = (base as NSString).standardizingPath
        if standard.hasPrefix(root + "/") { return String(standard.dropFirst(root.count + 1)) }
        return path
    }
}
