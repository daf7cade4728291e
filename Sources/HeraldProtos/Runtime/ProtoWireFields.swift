/// A field's value as ``ProtoWireReader/forEachField(of:in:_:)`` hands it out.
public enum ProtoWireValue: Hashable, Sendable {
    /// A varint (wire type 0): an integer, enum or bool.
    case varint(UInt64)
    /// A length-delimited value (wire type 2: a string, bytes, a message, a packed array): where
    /// its bytes lie in the array read.
    case lengthDelimited(Range<Int>)
}

extension ProtoWireReader {
    /// Calls `body` with each varint and length-delimited field of the message encoded in
    /// `bytes` (in `range` of them, e.g. a nested message's), in the order they appear;
    /// fixed-width fields are skipped. For code outside the runtime that reads a few fields of a
    /// stored message without decoding all of it, and without touching a pointer.
    ///
    /// - Throws: ``Malformed`` when the bytes are not protobuf (a value running past the end, a
    ///   bad varint, field number 0, a group wire type), or what `body` throws.
    @inlinable
    public static func forEachField(
        of bytes: [UInt8],
        in range: Range<Int>? = nil,
        _ body: (_ field: UInt64, _ value: ProtoWireValue) throws(Malformed) -> Void
    ) throws(Malformed) {
        if let range {
            precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the bytes")
        }
        let outcome: Result<Void, Malformed> = bytes.withUnsafeBytes { buffer in
            do throws(Malformed) {
                var reader = ProtoWireReader(buffer, range: range)
                while !reader.isAtEnd {
                    let (field, wireType) = try reader.tag()
                    switch wireType {
                    case 0: try body(field, .varint(try reader.varint()))
                    case 2: try body(field, .lengthDelimited(try reader.lengthDelimited()))
                    default: try reader.skip(wireType: wireType)
                    }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }
}
