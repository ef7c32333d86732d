import CopydeskCore

/// One block of an article as a reader sees it, for the HTML report: its role and text, and the
/// scalars of the text each finding covers (a finding's source range mapped back through the
/// block's source map).
public struct ReadingBlock: Sendable {
    public var role: BlockRole
    public var text: [Unicode.Scalar]
    /// The figure a caption or credit belongs to.
    public var figure: Int?
    /// The scalars of `text` that findings cover, by the finding's index in the file's diagnostics.
    public var marks: [(range: Range<Int>, finding: Int)]

    /// The blocks of `article`, each with the findings among `diagnostics` that fall in its text.
    public static func blocks(of article: Article, diagnostics: [Diagnostic]) -> [ReadingBlock] {
        article.blocks.map { block in
            let whole = block.range
            let touching = diagnostics.indices.filter { diagnostics[$0].range.start <= whole.end && whole.start <= diagnostics[$0].range.end }
            var marks: [(range: Range<Int>, finding: Int)] = []
            if !touching.isEmpty {
                let locations = (0..<block.scalars.count).map { block.map.location(at: $0) }
                for i in touching {
                    let r = diagnostics[i].range
                    // an empty range marks the character it stands before
                    let covered = locations.indices.filter { r.start == r.end ? locations[$0] == r.start
                                                                              : r.start <= locations[$0] && locations[$0] < r.end }
                    if let first = covered.first, let last = covered.last { marks.append((first..<last + 1, i)) }
                }
            }
            return ReadingBlock(role: block.role, text: block.scalars, figure: block.figure, marks: marks)
        }
    }
}
