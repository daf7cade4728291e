// protobuf-c.h is seen through the generated headers first, so its types belong to that module.
internal import CHeraldProtos
internal import CProtobufC

/// Checks an encoded message before libprotobuf-c unpacks it: every string field (at any
/// depth) must be UTF-8 without U+0000. libprotobuf-c checks neither, and a C string would
/// silently cut at the first NUL.
///
/// The walk follows the message's protobuf-c descriptor. Structural damage it meets (bad
/// varints, lengths past the end, invalid wire types) is reported as malformed with its offset;
/// everything else is left to `protobuf_c_message_unpack`.
enum WireValidator {
    /// Herald's messages nest a few levels; anything deeper is hostile input.
    static let maximumDepth = 32

    static func validate(
        _ buffer: UnsafeRawBufferPointer,
        descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
        messageName: String
    ) throws(ProtoDecodingError) {
        var path: [UnsafePointer<ProtobufCFieldDescriptor>] = []
        if let failure = walk(buffer, from: 0, to: buffer.count, descriptor: descriptor, path: &path) {
            let fieldPath = failure.path.map { String(cString: $0.pointee.name) }.joined(separator: ".")
            throw ProtoDecodingError(
                failure.reason,
                messageName: messageName,
                fieldPath: fieldPath,
                offset: failure.offset
            )
        }
    }

    private struct Failure {
        var reason: ProtoDecodingError.Reason
        var offset: Int
        var path: [UnsafePointer<ProtobufCFieldDescriptor>]
    }

    private static func walk(
        _ buffer: UnsafeRawBufferPointer,
        from start: Int,
        to end: Int,
        descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
        path: inout [UnsafePointer<ProtobufCFieldDescriptor>]
    ) -> Failure? {
        guard path.count < maximumDepth else { return Failure(reason: .tooDeep, offset: start, path: path) }
        var reader = ProtoWireReader(buffer, range: start..<end)
        while !reader.isAtEnd {
            let fieldStart = reader.position
            do throws(ProtoWireReader.Malformed) {
                let (number, wireType) = try reader.tag()
                guard number <= UInt64(Int32.max) else {
                    return Failure(reason: .malformed, offset: fieldStart, path: path)
                }
                // Groups (3, 4) and the unused wire types 6 and 7 never appear in Herald messages:
                // `skip` rejects them.
                guard wireType == 2 else {
                    try reader.skip(wireType: wireType)
                    continue
                }
                let value = try reader.lengthDelimited()
                guard let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(number)) else {
                    continue
                }
                if field.pointee.type == PROTOBUF_C_TYPE_STRING {
                    if let reason = UTF8Validation.check(UnsafeRawBufferPointer(rebasing: buffer[value])) {
                        return Failure(reason: reason, offset: value.lowerBound, path: path + [field])
                    }
                } else if field.pointee.type == PROTOBUF_C_TYPE_MESSAGE, let nested = field.pointee.descriptor {
                    path.append(field)
                    let failure = walk(
                        buffer,
                        from: value.lowerBound,
                        to: value.upperBound,
                        descriptor: nested.assumingMemoryBound(to: ProtobufCMessageDescriptor.self),
                        path: &path
                    )
                    path.removeLast()
                    if let failure { return failure }
                }
            } catch {
                return Failure(reason: .malformed, offset: fieldStart, path: path)
            }
        }
        return nil
    }
}
