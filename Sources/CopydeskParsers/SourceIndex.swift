import CopydeskCore

/// The UTF-8 bytes of a source with the offset where each line starts: turns the byte offsets
/// a parser reports into line and column (columns count scalars, as `SourceLocation` does).
struct SourceIndex {
    let bytes: [UInt8]
    /// Byte offset where each line starts (after LF, CR LF, or a lone CR).
    let lineStarts: [Int]
    /// The column at every `checkpointStride`-th byte, so that finding a column counts at most that
    /// many bytes, however long the line (a minified page is one line of megabytes).
    private let checkpoints: [Int32]
    static let checkpointStride = 64

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        var marks: [Int32] = []
        marks.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        var column: Int32 = 1
        bytes.withUnsafeBufferPointer { bytes in
            // a checkpoint every `checkpointStride` bytes, counted down rather than divided for
            var untilCheckpoint = 0
            for offset in bytes.indices {
                if untilCheckpoint == 0 {
                    marks.append(column)
                    untilCheckpoint = Self.checkpointStride
                }
                untilCheckpoint -= 1
                let b = bytes[offset]
                if b == 0x0A || b == 0x0D, LineCursor.endsLine(b, next: offset + 1 < bytes.count ? bytes[offset + 1] : nil) {
                    starts.append(offset + 1)
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
        }
        lineStarts = starts
        checkpoints = marks
    }

    /// The byte offset of a 1-based line and 1-based byte column (clamped to the text).
    func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        return min(bytes.count, lineStarts[line - 1] + max(0, byteColumn - 1))
    }

    /// The byte offset of a position (its column counted in scalars), clamped to its line (at most
    /// the line's last byte, its line end).
    func offset(of location: SourceLocation) -> Int {
        var k = offset(line: location.line, byteColumn: 1)
        let limit = location.line >= 1 && location.line < lineStarts.count ? lineStarts[location.line] - 1 : bytes.count
        var column = 1
        while column < location.column, k < limit {
            k += 1
            while k < bytes.count, bytes[k] & 0xC0 == 0x80 { k += 1 }
            column += 1
        }
        return k
    }

    /// The source position of byte `offset`: its line, and its column in scalars.
    func location(ofByte offset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var k = lineStarts[low]
        let checkpoint = offset / Self.checkpointStride
        if checkpoint < checkpoints.count, checkpoint * Self.checkpointStride > k {
            k = checkpoint * Self.checkpointStride
            column = Int(checkpoints[checkpoint])
        }
        while k < offset, k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The source range of the bytes `range`.
    func range(ofBytes range: Range<Int>) -> SourceRange {
        SourceRange(start: location(ofByte: range.lowerBound), end: location(ofByte: range.upperBound))
    }

    /// Reads a spelling that stands for other scalars (a character reference, an escape) at byte
    /// `i` of a buffer ending at `end`: the scalars and the bytes spent, or nil for an ordinary character.
    typealias Spelling = (UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (scalars: [Unicode.Scalar], length: Int)?

    /// Calls `body` with each scalar the bytes `range` spell, where it starts in the source and how
    /// many source characters spell it: 1 for an ordinary character, the spelling's length for the
    /// last scalar of a reference or escape, 0 for the others (a few references stand for two).
    /// NUL is not text and is skipped.
    func forEachScalar(_ range: Range<Int>, spelling: Spelling, _ body: (Unicode.Scalar, SourceLocation, Int) -> Void) {
        guard !range.isEmpty, range.upperBound <= bytes.count else { return }
        var cursor = LineCursor(at: self.location(ofByte: range.lowerBound))
        bytes.withUnsafeBufferPointer { buffer in
            var i = range.lowerBound
            while i < range.upperBound {
                let b = buffer[i]
                if b < 0x80, b != 0x0A, b != 0x0D, let (scalars, length) = spelling(buffer, i, range.upperBound) {
                    let location = cursor.place(byte: b)
                    for _ in 1..<max(1, length) { _ = cursor.place(byte: 0) }   // spellings are ASCII: bytes are characters
                    for (k, scalar) in scalars.enumerated() { body(scalar, location, k == scalars.count - 1 ? length : 0) }
                    i += length
                    continue
                }
                let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                let end = min(i + width, range.upperBound)
                var scalar: Unicode.Scalar = "\u{FFFD}"
                if width == 1 {
                    scalar = Unicode.Scalar(b)
                } else {
                    var decoder = UTF8()
                    var iterator = buffer[i..<end].makeIterator()
                    if case .scalarValue(let s) = decoder.decode(&iterator) { scalar = s }
                }
                let location = cursor.place(byte: b)
                if b != 0 { body(scalar, location, 1) }
                i = end
            }
        }
    }
}
