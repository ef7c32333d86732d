import CopydeskCore
import Foundation

/// Writes a fixed article the way a careful editor saves: to a temporary file beside it, synced to
/// disk, then renamed over it, and only when the file still holds what was read.
///
/// A symbolic link is followed and its target fixed; the link stays a link. The target keeps its
/// mode, owner, byte-order mark and line ends (fixes never touch a line end). A file with other
/// hard links, a read-only file (unless asked) and a file changed since it was read are left as
/// they are, with the reason.
public enum SafeWriter {
    /// What a fix read: the file's bytes and the size and modification time they had.
    public struct Snapshot: Sendable {
        public let path: String
        public let data: Data
        let size: Int
        let modified: timespec

        /// Whether the bytes open with a UTF-8 byte-order mark, which the fixed text must keep.
        public var hasByteOrderMark: Bool { data.starts(with: [0xEF, 0xBB, 0xBF]) }

        /// Reads `path` (following a symbolic link) and records what it read.
        /// The size and time are taken before the bytes, so that a change during the read shows.
        public static func read(_ path: String, limit: Int = Linter.defaultMaxFileSize) -> Result<Snapshot, InputError> {
            var info = stat()
            let known = stat(path, &info) == 0
            return SourceReader.readData(path: path, limit: limit).map {
                Snapshot(path: path, data: $0, size: known ? Int(info.st_size) : -1, modified: info.st_mtim)
            }
        }
    }

    /// Why a fixed file was not written.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The prefix of the temporary files a fix writes beside `name`.
    static func temporaryPrefix(_ name: String) -> String { ".\(name).copydesk-" }

    /// Replaces the file `snapshot` was read from with `text` (UTF-8, with the original's
    /// byte-order mark), atomically. Throws `Refusal` when it must not, or an `InputError` when
    /// the system says no.
    public static func write(_ text: String, over snapshot: Snapshot, allowReadOnly: Bool) throws {
        let target = URL(fileURLWithPath: snapshot.path).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(target, &info) == 0 else { throw InputError("cannot write the fix: \(String(cString: strerror(errno)))") }
        if info.st_nlink > 1 {
            throw Refusal(reason: "has \(info.st_nlink) hard links; not fixed, so that they are not broken apart")
        }
        if !allowReadOnly, info.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
            throw Refusal(reason: "is read-only; not fixed (--fix-read-only fixes it anyway)")
        }
        try checkUnchanged(target, snapshot, compareBytes: true)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
        let temp = folder.appendingPathComponent(temporaryPrefix(URL(fileURLWithPath: target).lastPathComponent) + UUID().uuidString).path
        let bytes = (snapshot.hasByteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(info.st_mode & 0o7777))
        guard fd >= 0 else { throw InputError("cannot write the fix: \(String(cString: strerror(errno)))") }
        TemporaryFiles.shared.insert(temp)
        defer { TemporaryFiles.shared.remove(temp) }
        do {
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { throw InputError("cannot write the fix: \(String(cString: strerror(errno)))") }
                    offset += n
                }
            }
            // the owner and mode of the original (chown fails harmlessly when not permitted)
            _ = fchown(fd, info.st_uid, info.st_gid)
            _ = fchmod(fd, mode_t(info.st_mode & 0o7777))
            guard fsync(fd) == 0 else { throw InputError("cannot write the fix: \(String(cString: strerror(errno)))") }
            close(fd)
            try checkUnchanged(target, snapshot, compareBytes: false)
            guard rename(temp, target) == 0 else { throw InputError("cannot write the fix: \(String(cString: strerror(errno)))") }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        let dir = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Throws a `Refusal` when the file no longer has the size and time it was read with (or,
    /// with `compareBytes`, the same bytes): someone changed it while it was being fixed.
    static func checkUnchanged(_ target: String, _ snapshot: Snapshot, compareBytes: Bool) throws {
        var now = stat()
        let changed = Refusal(reason: "changed while it was being fixed; left as it is")
        guard stat(target, &now) == 0, Int(now.st_size) == snapshot.size,
              now.st_mtim.tv_sec == snapshot.modified.tv_sec, now.st_mtim.tv_nsec == snapshot.modified.tv_nsec else { throw changed }
        if compareBytes, FileManager.default.contents(atPath: target) != snapshot.data { throw changed }
    }

    /// Removes the temporary files an interrupted fix left beside `paths`.
    public static func removeLeftovers(besides paths: [String]) {
        var byFolder: [String: Set<String>] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            byFolder[url.deletingLastPathComponent().path, default: []].insert(temporaryPrefix(url.lastPathComponent))
        }
        for (folder, prefixes) in byFolder {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where prefixes.contains(where: name.hasPrefix) {
                unlink(folder + "/" + name)
            }
        }
    }
}

/// The temporary files being written, so that an interrupt removes them before the process ends.
public final class TemporaryFiles: @unchecked Sendable {
    // @unchecked: `paths` is only touched while holding `lock`.
    public static let shared = TemporaryFiles()
    private let lock = NSLock()
    private var paths: Set<String> = []

    func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Deletes every temporary file still being written.
    public func removeAll() {
        lock.withLock {
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}
