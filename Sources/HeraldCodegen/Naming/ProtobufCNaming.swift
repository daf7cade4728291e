/// The identifiers protoc-c 1.4 gives the C it generates, so that generated Swift can address
/// the C structs, their members and init functions.
///
/// These mirror protoc-c's `FullNameToC`, `FullNameToLower` and `FieldName` rules.
public enum ProtobufCNaming {
    /// The C struct of a message: `herald.v1.Contact` → `Herald__V1__Contact`.
    public static func structName(fullName: String) -> String {
        fullName.split(separator: ".").map { toCamel(String($0)) }.joined(separator: "__")
    }

    /// The lowercase stem of a message's functions: `herald.v1.ContactGroup` →
    /// `herald__v1__contact_group` (as in `herald__v1__contact_group__init`).
    public static func functionStem(fullName: String) -> String {
        fullName.split(separator: ".").map { camelToLower(String($0)) }.joined(separator: "__")
    }

    /// The struct member of a field: the lowercased proto name, `_` appended to C/C++ keywords.
    public static func memberName(field: String) -> String {
        let lower = field.lowercased()
        return cKeywords.contains(lower) ? lower + "_" : lower
    }

    /// The member holding which field of a oneof is set.
    public static func oneofCaseMember(oneof: String) -> String {
        oneof.lowercased() + "_case"
    }

    /// The member holding the element count of a repeated field.
    public static func countMember(field: String) -> String {
        "n_" + field.lowercased()
    }

    private static func toCamel(_ name: String) -> String {
        var result = ""
        var nextIsUpper = true
        for character in name {
            if character == "_" {
                nextIsUpper = true
            } else if nextIsUpper {
                result.append(contentsOf: character.uppercased())
                nextIsUpper = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func camelToLower(_ name: String) -> String {
        var result = ""
        var wasUpper = true
        for character in name {
            let isUpper = character.isASCII && character.isUppercase
            if isUpper {
                if !wasUpper { result.append("_") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
            wasUpper = isUpper
        }
        return result
    }

    private static let cKeywords: Set<String> = [
        "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char", "class",
        "compl", "const", "const_cast", "continue", "default", "delete", "do", "double", "dynamic_cast", "else",
        "enum", "explicit", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
        "mutable", "namespace", "new", "not", "not_eq", "operator", "or", "or_eq", "private", "protected",
        "public", "register", "reinterpret_cast", "return", "short", "signed", "sizeof", "static",
        "static_cast", "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typeid",
        "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor",
        "xor_eq",
    ]
}
