/// Accumulates generated Swift source with indentation.
struct SourceWriter {
    private(set) var text = ""
    private var indentation = 0

    /// Appends one line at the current indentation (an empty string appends a blank line).
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
    }

    /// Appends `opening`, the body one level deeper, then `closing`.
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout SourceWriter) -> Void) {
        line(opening)
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// Appends a proto comment as a `///` doc comment; nothing when the comment is empty.
    mutating func docComment(_ comment: String) {
        for docLine in commentLines(comment) {
            line(docLine.isEmpty ? "///" : "/// " + docLine)
        }
    }
}

/// A proto comment's lines without the space after `//`, trailing blanks and blank edges.
func commentLines(_ comment: String) -> [String] {
    var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        (line.hasPrefix(" ") ? String(line.dropFirst()) : String(line)).trimmingWhitespaceAtEnd()
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    return lines
}

extension StringProtocol {
    func trimmingWhitespaceAtEnd() -> String {
        var result = String(self)
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}

/// A string literal for generated Swift source.
func swiftStringLiteral(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
