/// A message of the Herald API as a Swift value.
///
/// Every message in `Protos/` is generated as a struct conforming to this protocol. The binary
/// encoding goes through libprotobuf-c; the JSON form follows proto3's JSON mapping.
public protocol ProtoMessage: Sendable, Hashable, ProtoJSONCodable {
    /// The full protobuf name, e.g. `herald.v1.Contact`.
    static var protoMessageName: String { get }

    /// The message's fields and their documentation, from the `.proto` file.
    static var protoSchema: ProtoMessageSchema { get }

    /// Creates a message with every field at its default value.
    init()

    /// Parses the protobuf encoding in `buffer`.
    ///
    /// - Throws: ``ProtoDecodingError`` for malformed input or strings that are not UTF-8.
    init(serializedBuffer buffer: UnsafeRawBufferPointer) throws(ProtoDecodingError)

    /// Appends the protobuf encoding to `buffer`.
    ///
    /// - Throws: ``ProtoEncodingError`` when a string holds U+0000, which libprotobuf-c cannot carry.
    func serialize(into buffer: inout [UInt8]) throws(ProtoEncodingError)

    /// Reads the message from proto3 JSON.
    ///
    /// - Parameters:
    ///   - json: a JSON object.
    ///   - path: where the object sits in a larger document, for error messages.
    init(json: JSONValue, path: String) throws(ProtoJSONError)

    /// The message as proto3 JSON, leaving out fields at their default value.
    var jsonValue: JSONValue { get }
}

extension ProtoMessage {
    /// Parses the protobuf encoding in `bytes`.
    public init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ProtoDecodingError) in try Self(serializedBuffer: buffer) }
        }
        self = try result.get()
    }

    /// Parses the protobuf encoding in `bytes`.
    public init(serializedBytes bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ProtoDecodingError) in try Self(serializedBuffer: buffer) }
        }
        self = try result.get()
    }

    /// The protobuf encoding of the message.
    public func serializedBytes() throws(ProtoEncodingError) -> [UInt8] {
        var buffer: [UInt8] = []
        try serialize(into: &buffer)
        return buffer
    }

    /// Reads the message from a JSON document.
    public init(jsonString: String) throws(ProtoJSONError) {
        try self.init(json: try JSONValue(parsing: jsonString), path: "")
    }

    /// The message as a JSON document.
    public func jsonString(pretty: Bool = false) -> String {
        jsonValue.serialized(pretty: pretty)
    }
}

/// An enum of the Herald API.
///
/// Proto3 enums are open: a number this version does not know decodes as `unrecognized(n)`
/// and encodes back unchanged.
public protocol ProtoEnum: RawRepresentable, CaseIterable, Sendable, Hashable, ProtoJSONCodable
where RawValue == Int32, AllCases == [Self] {
    /// Creates the value for a number; unknown numbers become `unrecognized`.
    init(rawValue: Int32)

    /// The enum's full protobuf name, e.g. `herald.v1.AlertLanguage`.
    static var protoEnumName: String { get }

    /// The prefix of every value name in the `.proto` file, e.g. `ALERT_LANGUAGE_`.
    static var protoNamePrefix: String { get }

    /// Every known value with its name in the `.proto` file.
    static var protoValueNames: [(value: Int32, name: String)] { get }
}

extension ProtoEnum {
    /// The value's name in the `.proto` file (`ALERT_LANGUAGE_CHINESE`), nil when unrecognized.
    public var protoName: String? {
        Self.protoValueNames.first { $0.value == rawValue }?.name
    }

    /// The value for a name: the full `.proto` name, or the name without the enum's prefix in any
    /// case (`CHINESE`, `chinese`).
    public init?(protoName name: String) {
        let upper = name.uppercased()
        guard
            let match = Self.protoValueNames.first(where: {
                $0.name == upper || $0.name == Self.protoNamePrefix + upper
            })
        else { return nil }
        self.init(rawValue: match.value)
    }
}
