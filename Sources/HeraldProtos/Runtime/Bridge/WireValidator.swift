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
        var offset = start
        while offset < end {
            let fieldStart = offset
            guard let tag = readVarint(buffer, &offset, end: end), tag >> 3 != 0, tag >> 3 <= UInt64(Int32.max) else {
                return Failure(reason: .malformed, offset: fieldStart, path: path)
            }
            switch tag & 7 {
            case 0:
                guard readVarint(buffer, &offset, end: end) != nil else {
                    return Failure(reason: .malformed, offset: fieldStart, path: path)
                }
            case 1, 5:
                let width = tag & 7 == 1 ? 8 : 4
                guard end - offset >= width else { return Failure(reason: .malformed, offset: fieldStart, path: path) }
                offset += width
            case 2:
                guard let length = readVarint(buffer, &offset, end: end), length <= UInt64(end - offset) else {
                    return Failure(reason: .malformed, offset: fieldStart, path: path)
                }
                let valueStart = offset
                offset += Int(length)
                guard let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(tag >> 3)) else {
                    continue
                }
                if field.pointee.type == PROTOBUF_C_TYPE_STRING {
                    let value = UnsafeRawBufferPointer(rebasing: buffer[valueStart..<offset])
                    if let reason = UTF8Validation.check(value) {
                        return Failure(reason: reason, offset: valueStart, path: path + [field])
                    }
                } else if field.pointee.type == PROTOBUF_C_TYPE_MESSAGE, let nested = field.pointee.descriptor {
                    path.append(field)
                    let failure = walk(
                        buffer,
                        from: valueStart,
                        to: offset,
                        descriptor: nested.assumingMemoryBound(to: ProtobufCMessageDescriptor.self),
                        path: &path
                    )
                    path.removeLast()
                    if let failure { return failure }
                }
            default:
                // Groups (3, 4) and the unused wire types 6 and 7 never appear in Herald messages.
                return Failure(reason: .malformed, offset: fieldStart, path: path)
            }
        }
        return nil
    }

    private static func readVarint(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int, end: Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end {
            let byte = buffer[offset]
            offset += 1
            if shift == 63 && byte > 1 { return nil }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }
}
