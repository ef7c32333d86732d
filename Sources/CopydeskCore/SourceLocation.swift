/// A position in a source file.
///
/// Lines and columns are 1-based. A column counts Unicode scalar values from the
/// start of the line (characters as a person sees them), never bytes.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }
}

/// Walks a text scalar by scalar and tells where each one stands. Lines end where editors end
/// them: at a line feed, at a carriage return and line feed (the CR is the last column of its
/// line), and at a carriage return alone (old Mac files).
public struct LineCursor: Sendable {
    private var here: SourceLocation
    private var afterCR = false

    public init(at start: SourceLocation = SourceLocation(line: 1, column: 1)) { here = start }

    /// Where the next scalar stands (after a carriage return, the start of the next line).
    public var location: SourceLocation { afterCR ? SourceLocation(line: here.line + 1, column: 1) : here }

    /// The position of `scalar`, the next scalar of the text, and moves past it.
    public mutating func place(_ scalar: Unicode.Scalar) -> SourceLocation {
        place(lineFeed: scalar == "\n", carriageReturn: scalar == "\r")
    }

    /// The position of the scalar whose first UTF-8 byte is `byte`, and moves past it.
    public mutating func place(byte: UInt8) -> SourceLocation {
        place(lineFeed: byte == 0x0A, carriageReturn: byte == 0x0D)
    }

    private mutating func place(lineFeed: Bool, carriageReturn: Bool) -> SourceLocation {
        if afterCR, !lineFeed { here = SourceLocation(line: here.line + 1, column: 1) }
        afterCR = carriageReturn
        let placed = here
        if lineFeed { here = SourceLocation(line: here.line + 1, column: 1) } else { here.column += 1 }
        return placed
    }

    /// Whether byte `b`, followed by `next` (nil at the end of the text), ends a line.
    @inlinable public static func endsLine(_ b: UInt8, next: UInt8?) -> Bool { b == 0x0A || (b == 0x0D && next != 0x0A) }

    /// Whether scalar `s`, followed by `next` (nil at the end of the text), ends a line.
    @inlinable public static func endsLine(_ s: Unicode.Scalar, next: Unicode.Scalar?) -> Bool { s == "\n" || (s == "\r" && next != "\n") }

    /// The lines of `text`, their line ends dropped (LF, CR LF, or a lone CR).
    public static func lines(of text: String) -> [Substring] {
        // line ends found in the raw bytes (CR and LF never stand inside a multi-byte character)
        var copy = text
        let bounds = copy.withUTF8 { bytes -> [(start: Int, end: Int)] in
            var bounds: [(start: Int, end: Int)] = []
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    bounds.append((start, i))
                    start = b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? i + 2 : i + 1
                    i = start
                } else {
                    i += 1
                }
            }
            bounds.append((start, bytes.count))
            return bounds
        }
        let utf8 = text.utf8
        return bounds.map { text[utf8.index(utf8.startIndex, offsetBy: $0.start)..<utf8.index(utf8.startIndex, offsetBy: $0.end)] }
    }
}

/// A half-open range of source positions: `end` is the position just after the last character.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A range covering a single position.
    public init(at location: SourceLocation) {
        self.init(start: location, end: SourceLocation(line: location.line, column: location.column + 1))
    }
}

/// Maps every Unicode scalar of a block's visible text back to the source characters it came from.
///
/// Stored as runs: a run starts at a text offset and a source position, and each
/// following scalar sits one column further on the same line until the next run. A scalar
/// spelled by more than one source character (`&eacute;`, `\*`) is a run of its own with its
/// source width, so a range ending on it covers its whole spelling.
public struct SourceMap: Sendable, Hashable {
    struct Run: Sendable, Hashable {
        var offset: Int
        var location: SourceLocation
        /// Source characters each scalar of the run stands for: 1 for verbatim text.
        var width: Int
    }

    private(set) var runs: [Run] = []
    /// Number of scalars mapped.
    public private(set) var count = 0

    public init() {}

    /// Records that the next scalar of the text comes from the `width` source characters at `location`.
    public mutating func append(_ location: SourceLocation, width: Int = 1) {
        if width == 1, let last = runs.last, last.width == 1,
           last.location.line == location.line,
           last.location.column + (count - last.offset) == location.column {
            count += 1
            return
        }
        runs.append(Run(offset: count, location: location, width: width))
        count += 1
    }

    /// The map of the text from scalar `offset` on, as the text with its first `offset` scalars dropped.
    public func dropping(first offset: Int) -> SourceMap {
        var map = SourceMap()
        guard offset < count, !runs.isEmpty else { return map }
        let first = run(at: offset)
        map.runs = [Run(offset: 0, location: location(at: offset), width: runs[first].width)]
            + runs[(first + 1)...].map { Run(offset: $0.offset - offset, location: $0.location, width: $0.width) }
        map.count = count - offset
        return map
    }

    /// The index of the run holding the scalar at `offset` (clamped).
    private func run(at offset: Int) -> Int {
        var low = 0, high = runs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if runs[mid].offset <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The source position of the scalar at `offset` (clamped to the mapped text;
    /// `offset == count` is the position just after the last scalar).
    public func location(at offset: Int) -> SourceLocation {
        guard !runs.isEmpty else { return SourceLocation(line: 1, column: 1) }
        if offset >= count, count > 0 { return end(of: count - 1) }
        let run = runs[run(at: max(0, offset))]
        return SourceLocation(line: run.location.line, column: run.location.column + (max(0, offset) - run.offset) * run.width)
    }

    /// The source position just after the scalar at `offset`.
    private func end(of offset: Int) -> SourceLocation {
        let run = runs[run(at: offset)]
        let start = location(at: offset)
        return SourceLocation(line: start.line, column: start.column + run.width)
    }

    /// The source range of the text scalars `range`.
    public func range(_ range: Range<Int>) -> SourceRange {
        let start = location(at: range.lowerBound)
        guard range.upperBound > range.lowerBound, !runs.isEmpty else { return SourceRange(at: start) }
        return SourceRange(start: start, end: end(of: min(range.upperBound, count) - 1))
    }

    /// Whether the scalars `range` are spelled verbatim and contiguously on one line of the source:
    /// no markup, entity or escape between or inside them. Only such text may be edited by a fix.
    public func isVerbatim(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= count else { return false }
        let first = run(at: range.lowerBound)
        let next = first + 1 < runs.count ? runs[first + 1].offset : count
        return runs[first].width == 1 && range.upperBound <= next
    }
}
