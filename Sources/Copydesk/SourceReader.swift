import CopydeskCore
import Foundation

/// Reads an input file as text, refusing what is not an article: unreadable, empty,
/// binary, or not valid UTF-8 (with the line and column of the first bad byte).
public enum SourceReader {
    public static func read(path: String) -> Result<String, InputError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                return .failure(InputError(isDir.boolValue ? "is a folder" : "cannot read the file (permission denied?)"))
            }
            return .failure(InputError("no such file"))
        }
        return decode(data)
    }

    public static func decode(_ data: Data) -> Result<String, InputError> {
        if data.isEmpty { return .failure(InputError("the file is empty")) }
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let nul = body.prefix(65536).firstIndex(of: 0) {
            return .failure(InputError("binary file (a NUL byte at offset \(nul - body.startIndex)), not an article"))
        }
        // validated in place, whole: no copies, and a NUL further on cannot cut the text short
        if let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        return .failure(InputError("invalid UTF-8", at: firstInvalidUTF8(Array(body))))
    }

    /// The line and column of the first byte that does not decode.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> SourceLocation {
        var line = 1, column = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return SourceLocation(line: line, column: column)
    }
}
