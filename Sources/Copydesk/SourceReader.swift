import CopydeskCore
import Foundation

/// Reads an input file as text, refusing what is not an article: unreadable, empty,
/// binary, or not valid UTF-8 (with the line and column of the first bad byte).
public enum SourceReader {
    public static func read(path: String, limit: Int = Linter.defaultMaxFileSize) -> Result<String, InputError> {
        readData(path: path, limit: limit).flatMap(decode)
    }

    /// The bytes of a regular file (or of what a symbolic link points to), or why there are none;
    /// a file over `limit` bytes is refused unread.
    public static func readData(path: String, limit: Int = Linter.defaultMaxFileSize) -> Result<Data, InputError> {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
            return .failure(InputError(errno == ELOOP ? "a symbolic link loop" : "a symbolic link to nothing (\(target(of: path)))"))
        }
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                if info.st_size > limit {
                    return .failure(InputError(String(format: "%.1f MiB, over the %d MiB limit (--max-file-size): not read",
                                                             Double(info.st_size) / 1_048_576, limit >> 20)))
                }
            case S_IFDIR: return .failure(InputError("is a folder"))
            case S_IFIFO: return .failure(InputError("a named pipe (FIFO), not a file: it is not read"))
            default: return .failure(InputError("not a regular file (a device or socket): it is not read"))
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            if access(path, F_OK) == 0 { return .failure(InputError("cannot read the file: permission denied")) }
            return .failure(InputError("no such file"))
        }
        return .success(data)
    }

    static func target(of link: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) ?? "?"
    }

    public static func decode(_ data: Data) -> Result<String, InputError> {
        if data.isEmpty { return .failure(InputError("the file is empty")) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let order = data.starts(with: [0xFF, 0xFE]) ? "little-endian" : "big-endian"
            return .failure(InputError("UTF-16 text (\(order), with a byte-order mark): save it as UTF-8 to lint it"))
        }
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // scanned as raw bytes: `Data`'s element-wise iteration costs more than the parse of a page
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<String, InputError> in
            let body = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[bom...])
            if let base = body.baseAddress, let nul = memchr(base, 0, body.count) {
                return .failure(InputError("binary file (a NUL byte at offset \(bom + base.distance(to: nul.assumingMemoryBound(to: UInt8.self)))), not an article"))
            }
            if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                return .failure(InputError("the file holds only white space"))
            }
            if let text = String(validating: body, as: UTF8.self) {
                return .success(text)
            }
            return .failure(InputError("invalid UTF-8", at: firstInvalidUTF8(Array(body))))
        }
    }

    /// The line and column of the first byte that does not decode.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> SourceLocation {
        var cursor = LineCursor()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { _ = cursor.place(scalar) }
        return cursor.location
    }
}
