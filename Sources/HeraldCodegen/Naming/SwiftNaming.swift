/// How proto names become Swift names.
///
/// - Types keep their proto name without the package; nested types nest (`Rule.Matcher`).
/// - Fields become lowerCamelCase with Swift's uniform acronym casing: `contact_id` →
///   `contactID`, `member_contact_ids` → `memberContactIDs`, `webhook_url` → `webhookURL`.
/// - Enum values lose the enum-name prefix and become lowerCamelCase:
///   `ALERT_LANGUAGE_CHINESE` → `chinese`, `CHANNEL_PHONE_CALL` → `phoneCall`.
public enum SwiftNaming {
    /// Words written in capitals when they are not the first word of an identifier.
    static let acronyms: [String: String] = [
        "id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI", "sms": "SMS",
        "http": "HTTP", "https": "HTTPS", "tls": "TLS", "json": "JSON", "dba": "DBA", "im": "IM",
        "utf8": "UTF8", "e164": "E164", "ip": "IP", "api": "API",
    ]

    /// Swift keywords that must be escaped with backticks when used as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "false", "is", "nil", "self", "Self", "super",
        "throws", "true", "try", "Type", "Protocol",
    ]

    /// A property name for a proto field name (`snake_case` → lowerCamelCase with acronyms).
    public static func propertyName(_ protoName: String) -> String {
        lowerCamel(words: protoName.split(separator: "_").map { $0.lowercased() })
    }

    /// An enum case name for a proto enum value name, with the enum's own prefix removed.
    public static func caseName(value: String, enumName: String) -> String {
        let prefix = upperSnake(enumName) + "_"
        let stripped = value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value
        let name = lowerCamel(words: stripped.split(separator: "_").map { $0.lowercased() })
        return name.first?.isNumber == true ? "_" + name : name
    }

    /// A type name for a oneof (`target` → `Target`, `name_value` → `NameValue`).
    public static func typeName(_ protoName: String) -> String {
        protoName.split(separator: "_").map { word in
            let lower = word.lowercased()
            return acronyms[lower] ?? (lower.prefix(1).uppercased() + lower.dropFirst())
        }.joined()
    }

    /// `AlertLanguage` → `ALERT_LANGUAGE` (the prefix protobuf style puts on enum values).
    public static func upperSnake(_ camel: String) -> String {
        var result = ""
        var previousWasLowerOrDigit = false
        for character in camel {
            if character.isUppercase && previousWasLowerOrDigit {
                result.append("_")
            }
            result.append(contentsOf: character.uppercased())
            previousWasLowerOrDigit = character.isLowercase || character.isNumber
        }
        return result
    }

    /// The identifier, escaped with backticks if it is a Swift keyword.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    private static func lowerCamel(words: [String]) -> String {
        guard let first = words.first else { return "_" }
        return first
            + words.dropFirst().map { word in
                acronyms[word] ?? (word.prefix(1).uppercased() + word.dropFirst())
            }.joined()
    }
}
