/// Key/value lines with the values aligned: `name:     Zhang Wei`. A value of several lines
/// continues under the first.
struct KeyValueBlock {
    private var rows: [(key: String, value: String)] = []

    mutating func add(_ key: String, _ value: String) {
        rows.append((key, value))
    }

    var rendered: String {
        let width = (rows.map { $0.key.count }.max() ?? 0) + 2
        return rows.map { row in
            let lines = row.value.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (row.key + ":").padding(to: width) + (lines.first.map(String.init) ?? "")
            let rest = lines.dropFirst().map { String(repeating: " ", count: width) + $0 }
            return ([first] + rest).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string followed by spaces up to `width` terminal columns.
    func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - terminalWidth))
    }

    /// The columns a terminal gives the string: two for East Asian wide and full-width
    /// characters (Chinese names, full-width punctuation), one for the others.
    var terminalWidth: Int {
        reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first?.value else { return width }
            let wide =
                (0x1100...0x115F).contains(scalar) || (0x2E80...0x303E).contains(scalar)
                || (0x3041...0x33FF).contains(scalar) || (0x3400...0x4DBF).contains(scalar)
                || (0x4E00...0x9FFF).contains(scalar) || (0xA000...0xA4CF).contains(scalar)
                || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
                || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
                || (0xFFE0...0xFFE6).contains(scalar) || (0x1F300...0x1F64F).contains(scalar)
                || (0x1F900...0x1F9FF).contains(scalar) || (0x20000...0x3FFFD).contains(scalar)
            return width + (wide ? 2 : 1)
        }
    }
}
