/// The message types of the Herald API, for tools that work by name (the CLI's generic `call`,
/// tests that exercise every message). The list itself is generated.
public enum ProtoRegistry {
    /// The message type with a full protobuf name such as `herald.v1.Contact`.
    public static func messageType(named fullName: String) -> (any ProtoMessage.Type)? {
        messageTypes.first { $0.protoMessageName == fullName }
    }
}
