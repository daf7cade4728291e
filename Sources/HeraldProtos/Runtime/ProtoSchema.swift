/// The shape of a message, generated from its `.proto` declaration: what tools that work on
/// any message (the CLI's `describe` and `call`, generic tests) need to know.
public struct ProtoMessageSchema: Sendable {
    /// The full protobuf name, e.g. `herald.v1.Contact`.
    public let fullName: String
    /// The message's documentation from the `.proto` file.
    public let comment: String
    /// Every field in declaration order.
    public let fields: [ProtoFieldSchema]

    public init(fullName: String, comment: String, fields: [ProtoFieldSchema]) {
        self.fullName = fullName
        self.comment = comment
        self.fields = fields
    }
}

/// One field of a message.
public struct ProtoFieldSchema: Sendable {
    /// How many values the field holds.
    public enum Cardinality: Sendable {
        case singular
        case repeated
        /// A `map<K, V>`; the field's ``ProtoFieldSchema/kind`` is the value's kind.
        case map(key: ProtoFieldKind)
    }

    /// The name in the `.proto` file (`contact_id`).
    public let name: String
    /// The proto3 JSON name (`contactId`).
    public let jsonName: String
    public let number: Int32
    public let kind: ProtoFieldKind
    public let cardinality: Cardinality
    /// The oneof the field belongs to, if any (one-field oneofs mark presence).
    public let oneof: String?
    /// The field's documentation from the `.proto` file.
    public let comment: String

    public init(
        name: String,
        jsonName: String,
        number: Int32,
        kind: ProtoFieldKind,
        cardinality: Cardinality,
        oneof: String?,
        comment: String
    ) {
        self.name = name
        self.jsonName = jsonName
        self.number = number
        self.kind = kind
        self.cardinality = cardinality
        self.oneof = oneof
        self.comment = comment
    }
}

/// The type of a field's values.
public enum ProtoFieldKind: Sendable {
    case double
    case float
    case int64
    case uint64
    case int32
    case uint32
    case bool
    case string
    case bytes
    case enumeration(any ProtoEnum.Type)
    case message(any ProtoMessage.Type)

    /// How the kind is written in a `.proto` file (`string`, `herald.v1.AlertLanguage`,
    /// `herald.v1.Contact` …).
    public var protoTypeName: String {
        switch self {
        case .double: "double"
        case .float: "float"
        case .int64: "int64"
        case .uint64: "uint64"
        case .int32: "int32"
        case .uint32: "uint32"
        case .bool: "bool"
        case .string: "string"
        case .bytes: "bytes"
        case .enumeration(let type): type.protoEnumName
        case .message(let type): type.protoMessageName
        }
    }
}
