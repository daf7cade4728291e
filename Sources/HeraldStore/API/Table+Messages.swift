public import HeraldProtos

/// Reading and writing protobuf messages as values.
extension Table {
    /// The value of `key` decoded as `M`, nil when the key is missing.
    ///
    /// - Throws: ``ProtoDecodingError`` when the value is not a valid `M`.
    public func get<M: ProtoMessage>(_ key: StoreKey, as type: M.Type) throws(ProtoDecodingError) -> M? {
        guard let bytes = get(key) else { return nil }
        return try M(serializedBytes: bytes)
    }

    /// Sets `key` to the encoding of `message`; returns once durable.
    ///
    /// - Throws: ``StoreError`` (``StoreError/Code/invalidArgument`` when the message cannot be
    ///   encoded).
    public func put(_ key: StoreKey, message: some ProtoMessage) async throws(StoreError) {
        try await put(key, try Self.encode(message))
    }

    static func encode(_ message: some ProtoMessage) throws(StoreError) -> [UInt8] {
        do {
            return try message.serializedBytes()
        } catch {
            throw StoreError(.invalidArgument, "cannot encode \(type(of: message).protoMessageName)", cause: error)
        }
    }
}

extension StoreWriteBatch {
    /// Sets `key` to the encoding of `message`.
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` when the message cannot be encoded.
    public mutating func put(_ key: StoreKey, message: some ProtoMessage) throws(StoreError) {
        put(key, try Table.encode(message))
    }
}

extension TableTransaction {
    /// The value of `key` decoded as `M`, as the transaction sees it.
    ///
    /// - Throws: ``ProtoDecodingError`` when the value is not a valid `M`.
    public mutating func get<M: ProtoMessage>(_ key: StoreKey, as type: M.Type) throws(ProtoDecodingError) -> M? {
        guard let bytes = get(key) else { return nil }
        return try M(serializedBytes: bytes)
    }

    /// Sets `key` to the encoding of `message` when the transaction commits.
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` when the message cannot be encoded.
    public mutating func put(_ key: StoreKey, message: some ProtoMessage) throws(StoreError) {
        put(key, try Table.encode(message))
    }
}
