internal import CHeraldProtos
internal import CProtobufC

/// Encoding and decoding of generated messages through libprotobuf-c, and the helpers generated
/// code uses to read C values.
enum CBridge {
    /// Parses `buffer` as `M`: validates strings (UTF-8, no U+0000), unpacks with
    /// libprotobuf-c, copies into Swift values and frees the C message.
    static func decode<M: CBridgedMessage>(
        _: M.Type,
        from buffer: UnsafeRawBufferPointer
    ) throws(ProtoDecodingError)
        -> M
    {
        try WireValidator.validate(buffer, descriptor: M.cDescriptor, messageName: M.protoMessageName)
        var empty: UInt8 = 0
        let unpacked = withUnsafeMutablePointer(to: &empty) { placeholder in
            protobuf_c_message_unpack(
                M.cDescriptor,
                nil,
                buffer.count,
                buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(placeholder)
            )
        }
        guard let unpacked else {
            throw ProtoDecodingError(.malformed, messageName: M.protoMessageName)
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        return M(cMessage: UnsafeRawPointer(unpacked).assumingMemoryBound(to: M.CMessage.self))
    }

    /// Appends the encoding of `message` to `buffer`.
    static func encode<M: CBridgedMessage>(_ message: M, into buffer: inout [UInt8]) throws(ProtoEncodingError) {
        let arena = CArena()
        let cMessage = try arena.message(message)
        let base = UnsafeRawPointer(cMessage).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: size))
        let written = buffer.withUnsafeMutableBufferPointer { output in
            protobuf_c_message_pack(base, output.baseAddress! + start)
        }
        precondition(written == size, "protobuf_c_message_pack wrote \(written) bytes, expected \(size)")
    }

    // MARK: Reading C values (used by generated `init(cMessage:)`)

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        // Validated as UTF-8 without U+0000 by WireValidator before unpacking.
        pointer.map { String(cString: $0) } ?? ""
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    static func message<M: CBridgedMessage>(_ pointer: UnsafePointer<M.CMessage>?, as _: M.Type) -> M? {
        pointer.map { M(cMessage: $0) }
    }

    static func numbers<T>(_ base: UnsafePointer<T>?, _ count: Int) -> [T] {
        guard count > 0, let base else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    static func bools(_ base: UnsafePointer<protobuf_c_boolean>?, _ count: Int) -> [Bool] {
        numbers(base, count).map { $0 != 0 }
    }

    static func strings(_ base: UnsafePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int) -> [String] {
        numbers(base, count).map { string($0) }
    }

    static func byteArrays(_ base: UnsafePointer<ProtobufCBinaryData>?, _ count: Int) -> [[UInt8]] {
        numbers(base, count).map(bytes)
    }

    static func enums<E: ProtoEnum, C: RawRepresentable>(
        _ base: UnsafePointer<C>?,
        _ count: Int,
        as _: E.Type
    )
        -> [E] where C.RawValue: BinaryInteger
    {
        numbers(base, count).map { E(rawValue: Int32(truncatingIfNeeded: $0.rawValue)) }
    }

    static func messages<M: CBridgedMessage>(
        _ base: UnsafePointer<UnsafeMutablePointer<M.CMessage>?>?,
        _ count: Int,
        as _: M.Type
    ) -> [M] {
        numbers(base, count).compactMap { $0.map { M(cMessage: $0) } }
    }

    /// A map field: protoc-c represents it as repeated entry messages; a later key wins.
    static func map<Entry, Key: Hashable, Value>(
        _ base: UnsafePointer<UnsafeMutablePointer<Entry>?>?,
        _ count: Int,
        _ read: (Entry) -> (Key, Value)
    ) -> [Key: Value] {
        var result: [Key: Value] = [:]
        for entry in numbers(base, count) {
            guard let entry else { continue }
            let (key, value) = read(entry.pointee)
            result[key] = value
        }
        return result
    }
}
