/// The parts of a protobuf schema the generator works from, read out of a descriptor set.
///
/// Names follow protobuf: `fullName` is dotted without a leading dot (`herald.v1.Contact`),
/// `name` is the last component.
public struct ProtoFile: Sendable {
    /// The file's path relative to the include root, e.g. `herald/v1/contact.proto`.
    public var path: String
    public var messages: [ProtoMessageDecl]
    public var enums: [ProtoEnumDecl]
    public var services: [ProtoServiceDecl]
}

/// A message type.
public struct ProtoMessageDecl: Sendable {
    public var fullName: String
    public var name: String
    public var comment: String
    public var fields: [ProtoFieldDecl]
    public var oneofs: [ProtoOneofDecl]
    public var nestedMessages: [ProtoMessageDecl]
    public var nestedEnums: [ProtoEnumDecl]
    /// True for the entry type protoc synthesizes for a `map<K, V>` field.
    public var isMapEntry: Bool
}

/// One `oneof` of a message; `fieldNumbers` are its members in declaration order.
public struct ProtoOneofDecl: Sendable {
    public var name: String
    public var comment: String
    public var fieldNumbers: [Int32]
}

/// A field's wire type, as `FieldDescriptorProto.Type` names it.
public enum ProtoFieldType: Int32, Sendable {
    case double = 1
    case float = 2
    case int64 = 3
    case uint64 = 4
    case int32 = 5
    case fixed64 = 6
    case fixed32 = 7
    case bool = 8
    case string = 9
    case group = 10
    case message = 11
    case bytes = 12
    case uint32 = 13
    case `enum` = 14
    case sfixed32 = 15
    case sfixed64 = 16
    case sint32 = 17
    case sint64 = 18
}

/// A field of a message.
public struct ProtoFieldDecl: Sendable {
    public var name: String
    public var number: Int32
    public var type: ProtoFieldType
    /// The full name of the message or enum type (without the leading dot), empty for scalars.
    public var typeName: String
    public var isRepeated: Bool
    /// The index into the message's `oneofs`, or nil.
    public var oneofIndex: Int?
    /// The proto3 JSON name (lowerCamelCase) protoc computed.
    public var jsonName: String
    public var comment: String
}

/// An enum type.
public struct ProtoEnumDecl: Sendable {
    public var fullName: String
    public var name: String
    public var comment: String
    public var values: [ProtoEnumValueDecl]
}

/// One value of an enum.
public struct ProtoEnumValueDecl: Sendable {
    public var name: String
    public var number: Int32
    public var comment: String
}

/// A service.
public struct ProtoServiceDecl: Sendable {
    public var fullName: String
    public var name: String
    public var comment: String
    public var methods: [ProtoMethodDecl]
}

/// An RPC of a service.
public struct ProtoMethodDecl: Sendable {
    /// `google.protobuf.MethodOptions.IdempotencyLevel`.
    public enum Idempotency: Int32, Sendable {
        case unknown = 0
        case noSideEffects = 1
        case idempotent = 2
    }

    public var name: String
    public var comment: String
    public var inputType: String
    public var outputType: String
    public var isStreaming: Bool
    public var idempotency: Idempotency
    /// Custom method options that protoc-c's descriptor types do not know, by field number, as
    /// varint values (e.g. Herald's `(herald.v1.access)`).
    public var customVarintOptions: [Int32: UInt64]
}
