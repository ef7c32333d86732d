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

/// Maps every Unicode scalar of a block's visible text back to its source position.
///
/// Stored as runs: a run starts at a text offset and a source position, and each
/// following scalar sits one column further on the same line until the next run.
public struct SourceMap: Sendable, Hashable {
    struct Run: Sendable, Hashable {
        var offset: Int
        var location: SourceLocation
    }

    private(set) var runs: [Run] = []
    /// Number of scalars mapped.
    public private(set) var count = 0

    public init() {}

    /// Records that the next scalar of the text comes from `location`.
    public mutating func append(_ location: SourceLocation) {
        if let last = runs.last,
           last.location.line == location.line,
           last.location.column + (count - last.offset) == location.column {
            count += 1
            return
        }
        runs.append(Run(offset: count, location: location))
        count += 1
    }

    /// The source position of the scalar at `offset` (clamped to the mapped text;
    /// `offset == count` is the position just after the last scalar).
    public func location(at offset: Int) -> SourceLocation {
        guard !runs.isEmpty else { return SourceLocation(line: 1, column: 1) }
        if offset >= count, count > 0 {
            let last = location(at: count - 1)
            return SourceLocation(line: last.line, column: last.column + 1)
        }
        let target = max(0, offset)
        var low = 0, high = runs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if runs[mid].offset <= target { low = mid } else { high = mid - 1 }
        }
        let run = runs[low]
        return SourceLocation(line: run.location.line, column: run.location.column + (target - run.offset))
    }

    /// The source range of the text scalars `range`.
    public func range(_ range: Range<Int>) -> SourceRange {
        let start = location(at: range.lowerBound)
        guard range.upperBound > range.lowerBound else { return SourceRange(at: start) }
        let last = location(at: range.upperBound - 1)
        return SourceRange(start: start, end: SourceLocation(line: last.line, column: last.column + 1))
    }
}
