/// A cursor over protobuf wire data, for the few hot paths that read a message's fields
/// directly instead of decoding it through libprotobuf-c (the store's records, a contact's
/// search fields).
///
/// Inlinable: those callers live in other modules and call it once per field.
public struct ProtoWireReader {
    /// What is wrong with the bytes.
    public struct Malformed: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String

        @inlinable public init(description: String) {
            self.description = description
        }
    }

    /// The whole buffer; ranges the reader hands out index into it.
    public let bytes: UnsafeRawBufferPointer
    /// Where the next read starts.
    @usableFromInline var position: Int
    /// Where the data read ends.
    public let end: Int

    /// A reader over `range` of `bytes` (all of it when nil).
    @inlinable public init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
        self.bytes = bytes
        self.position = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { position >= end }

    /// Reads a varint.
    @inlinable public mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 {
                break
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                return result
            }
            shift += 7
        }
        throw Malformed(description: "malformed varint")
    }

    /// Reads a field's tag.
    @inlinable public mutating func tag() throws(Malformed) -> (field: UInt64, wireType: UInt64) {
        let tag = try varint()
        guard tag >> 3 != 0 else {
            throw Malformed(description: "field number 0")
        }
        return (tag >> 3, tag & 7)
    }

    /// Reads a length-delimited field's length and skips its bytes.
    ///
    /// - Returns: where the field's bytes lie in ``bytes``.
    @inlinable public mutating func lengthDelimited() throws(Malformed) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw Malformed(description: "length \(length) runs past the end")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Skips a field's value of `wireType`.
    @inlinable public mutating func skip(wireType: UInt64) throws(Malformed) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw Malformed(description: "unsupported wire type \(wireType)")
        }
    }

    @inlinable mutating func advance(_ count: Int) throws(Malformed) {
        guard count <= end - position else {
            throw Malformed(description: "fixed-width field runs past the end")
        }
        position += count
    }
}
