extension JSONValue {
    /// The value as JSON text: compact, or indented by two spaces per level when `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        var output = ""
        write(into: &output, pretty: pretty, indentation: 0)
        return output
    }

    private func write(into output: inout String, pretty: Bool, indentation: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, pretty: pretty, indentation: indentation + 1)
                element.write(into: &output, pretty: pretty, indentation: indentation + 1)
            }
            Self.newline(&output, pretty: pretty, indentation: indentation)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, pretty: pretty, indentation: indentation + 1)
                Self.writeString(member.key, into: &output)
                output += pretty ? ": " : ":"
                member.value.write(into: &output, pretty: pretty, indentation: indentation + 1)
            }
            Self.newline(&output, pretty: pretty, indentation: indentation)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, pretty: Bool, indentation: Int) {
        guard pretty else { return }
        output += "\n" + String(repeating: "  ", count: indentation)
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
