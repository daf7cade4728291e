public import HeraldProtos
public import HeraldStore
public import HeraldWire

extension StoreError: RPCErrorConvertible {
    /// Storage failures are the server's problem, reported without internals: a failed or
    /// closed table is UNAVAILABLE (the client may retry elsewhere or later), detected
    /// corruption is DATA_LOSS.
    public var rpcError: RPCError {
        switch code {
        case .corruption: RPCError(code: .dataLoss, message: "stored data is damaged; the operator has been told")
        case .noSpace: RPCError(code: .unavailable, message: "the server's storage is full")
        default: RPCError(code: .unavailable, message: "storage is unavailable; retry later")
        }
    }
}

/// Reads a record the service itself stored.
///
/// - Throws: DATA_LOSS when the bytes do not decode (they were written by this service, so
///   this means damage, not a bad request).
public func decodeStored<M: ProtoMessage>(_ type: M.Type, _ bytes: [UInt8]) throws(RPCError) -> M {
    do {
        return try M(serializedBytes: bytes)
    } catch {
        throw RPCError(code: .dataLoss, message: "a stored \(M.protoMessageName) is damaged: \(error)")
    }
}

/// Encodes a record for storing; service records never hold U+0000 (validation refuses it).
public func encodeStored(_ message: some ProtoMessage) throws(RPCError) -> [UInt8] {
    do {
        return try message.serializedBytes()
    } catch {
        throw RPCError(code: .invalidArgument, message: "\(error)")
    }
}
