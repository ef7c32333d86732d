import Foundation

/// Finds the article files under the paths a user gives.
///
/// Folders are walked recursively for known extensions; hidden folders (`.git`),
/// `.build` and symlink loops are skipped; a file named explicitly is always taken.
public struct FileDiscovery {
    public let extensions: Set<String>
    /// Returns false for paths (relative to the config's folder) to leave out.
    public let selects: (String) -> Bool

    public init(extensions: Set<String>, selects: @escaping (String) -> Bool) {
        self.extensions = extensions
        self.selects = selects
    }

    /// The files to lint, in a stable order, each once.
    public func files(in paths: [String], relativeTo base: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                if seen.insert(Self.realPath(path)).inserted { out.append(path) }
                continue
            }
            var visited = Set<String>()
            walk(path, into: &out, seen: &seen, visited: &visited, base: base)
        }
        return out
    }

    private func walk(_ dir: String, into out: inout [String], seen: inout Set<String>, visited: inout Set<String>, base: String) {
        guard visited.insert(Self.realPath(dir)).inserted else { return }   // a symlink loop, or a folder seen by another way
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names.sorted() where !name.hasPrefix(".") && name != "node_modules" {
            let path = dir == "." ? name : (dir as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(path, into: &out, seen: &seen, visited: &visited, base: base)
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
