/// A plain-text table: the first column left-aligned, the rest right-aligned, two spaces apart,
/// with a rule under the header.
public struct TextTable: Sendable {
    /// The column titles.
    public var header: [String]

    /// The cells, row by row; short rows are padded with empty cells.
    public var rows: [[String]]

    /// A table with these column titles and rows.
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The table as lines joined by newlines, every line the same width.
    public func render() -> String {
        let columns = ([self.header] + self.rows).map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in [self.header] + self.rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            (0..<columns).map { index in
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(self.header), rule] + self.rows.map(line)).joined(separator: "\n")
    }
}
