/// Why bytes could not be parsed as a message.
public struct ProtoDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        public var description: String

        /// The bytes are not a valid protobuf encoding of the message (truncated, bad lengths,
        /// wrong wire types, oversized values).
        public static let malformed = Reason(description: "malformed protobuf")
        /// A string field holds bytes that are not UTF-8.
        public static let invalidUTF8 = Reason(description: "string is not valid UTF-8")
        /// A string field holds U+0000, which the C bridge cannot carry.
        public static let embeddedNul = Reason(description: "string contains U+0000")
        /// Messages are nested deeper than any Herald message can be.
        public static let tooDeep = Reason(description: "messages nested too deeply")
    }

    public var reason: Reason
    /// The message being decoded, e.g. `herald.v1.Contact`.
    public var messageName: String
    /// The dotted path of the field at fault (`webhooks.url`), empty when not known.
    public var fieldPath: String
    /// The byte offset in the input where the problem was found, when known.
    public var offset: Int?

    public init(_ reason: Reason, messageName: String, fieldPath: String = "", offset: Int? = nil) {
        self.reason = reason
        self.messageName = messageName
        self.fieldPath = fieldPath
        self.offset = offset
    }

    public var description: String {
        var text = "cannot decode \(messageName): \(reason)"
        if !fieldPath.isEmpty { text += " in field \(fieldPath)" }
        if let offset { text += " at byte \(offset)" }
        return text
    }
}

/// Why a message could not be encoded.
public struct ProtoEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field at fault, as `package.Message.field`.
    public var fieldPath: String

    public init(fieldPath: String) {
        self.fieldPath = fieldPath
    }

    public var description: String {
        "cannot encode \(fieldPath): strings must not contain U+0000"
    }
}

/// Why JSON could not be read as a message.
public struct ProtoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the document: a path like `contact.webhooks[1].kind`, or `offset 17` for syntax.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
