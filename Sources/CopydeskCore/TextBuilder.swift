/// Accumulates visible text scalar by scalar with its source positions, folding white space.
///
/// Parsers feed it the characters they keep; runs of white space become one space,
/// and leading and trailing white space is dropped.
public struct TextBuilder: Sendable {
    public private(set) var scalars: [Unicode.Scalar] = []
    private var map = SourceMap()
    /// The space owed before the next scalar: where it stands and how many source characters
    /// spell it (0 for a break that markup makes, which no fix may take for text).
    private var pendingSpace: (location: SourceLocation, width: Int)?

    public init() {}

    public var isEmpty: Bool { scalars.isEmpty }

    /// Appends one scalar spelled by the `width` source characters at `location`.
    public mutating func append(_ scalar: Unicode.Scalar, at location: SourceLocation, width: Int = 1) {
        if scalar.isSpace || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
            // a space spelled by a reference (`&nbsp;`) keeps its width, so no fix takes it for text
            if !scalars.isEmpty, pendingSpace == nil { pendingSpace = (location, width) }
            return
        }
        if let space = pendingSpace {
            scalars.append(" ")
            map.append(space.location, width: space.width)
            pendingSpace = nil
        }
        scalars.append(scalar)
        map.append(location, width: width)
    }

    /// Appends a string that stands contiguously in the source from `location`, following line ends.
    public mutating func append<S: Sequence>(_ text: S, at location: SourceLocation) where S.Element == Unicode.Scalar {
        appendRun(text, at: location)
    }

    /// `append(_:at:)` for an array, specialised here: across modules the generic one is not.
    public mutating func append(_ text: [Unicode.Scalar], at location: SourceLocation) {
        appendRun(text, at: location)
    }

    @inline(__always)
    private mutating func appendRun<S: Sequence>(_ text: S, at location: SourceLocation) where S.Element == Unicode.Scalar {
        var cursor = LineCursor(at: location)
        for scalar in text { append(scalar, at: cursor.place(scalar)) }
    }

    /// Separates what comes next from what came before with a space, if anything came before.
    public mutating func breakWord(at location: SourceLocation) {
        if !scalars.isEmpty, pendingSpace == nil { pendingSpace = (location, 0) }
    }

    /// The block built so far.
    public func block(_ role: BlockRole, figure: Int? = nil) -> Block {
        Block(role: role, scalars: scalars, map: map, figure: figure)
    }
}
