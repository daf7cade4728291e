import HeraldProtos

/// Protobuf encoding of `herald.storage.v1.StoreBatch` and `StoreSnapshotEntry` on the store's
/// hot paths (every append, every replayed record, every snapshot entry).
///
/// The bytes are the standard protobuf encoding of the generated ``StoreBatch`` and
/// ``StoreSnapshotEntry`` messages: encoding writes exactly what their `serialize(into:)` writes
/// (fields in number order, empty fields left out), and decoding accepts any valid encoding
/// (fields in any order, unknown fields skipped). The tests check both against the generated
/// types. It exists because going through libprotobuf-c costs about 0.5 µs per record, which
/// alone would halve the replay rate the store promises.
enum BatchCodec {
    /// Why a payload is not a valid `StoreBatch` or `StoreSnapshotEntry`: malformed protobuf,
    /// or a message breaking the store's rules.
    typealias DecodingError = ProtoWireReader.Malformed

    private static let putKind: UInt64 = 1
    private static let deleteKind: UInt64 = 2

    // MARK: Encoding

    /// The encoding of a `StoreBatch` holding `mutations`.
    static func encodeBatch(_ mutations: [Mutation]) -> [UInt8] {
        var size = 0
        for mutation in mutations {
            let length = mutationLength(mutation)
            size += 1 + varintSize(UInt64(length)) + length
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(size)
        for mutation in mutations {
            buffer.append(0x0A)
            appendVarint(UInt64(mutationLength(mutation)), to: &buffer)
            appendVarint(0x08, to: &buffer)
            appendVarint(mutation.value == nil ? deleteKind : putKind, to: &buffer)
            appendBytesField(tag: 0x12, mutation.key.bytes, to: &buffer)
            if let value = mutation.value {
                appendBytesField(tag: 0x1A, value, to: &buffer)
            }
        }
        return buffer
    }

    /// Appends the encoding of a `StoreSnapshotEntry`.
    static func appendSnapshotEntry(key: [UInt8], value: [UInt8], to buffer: inout [UInt8]) {
        appendBytesField(tag: 0x0A, key, to: &buffer)
        appendBytesField(tag: 0x12, value, to: &buffer)
    }

    /// The size of a `StoreSnapshotEntry`'s encoding.
    static func snapshotEntrySize(key: [UInt8], value: [UInt8]) -> Int {
        bytesFieldSize(key) + bytesFieldSize(value)
    }

    private static func mutationLength(_ mutation: Mutation) -> Int {
        var length = 2 + bytesFieldSize(mutation.key.bytes)
        if let value = mutation.value {
            length += bytesFieldSize(value)
        }
        return length
    }

    private static func bytesFieldSize(_ bytes: [UInt8]) -> Int {
        bytes.isEmpty ? 0 : 1 + varintSize(UInt64(bytes.count)) + bytes.count
    }

    private static func appendBytesField(tag: UInt8, _ bytes: [UInt8], to buffer: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        buffer.append(tag)
        appendVarint(UInt64(bytes.count), to: &buffer)
        buffer.append(contentsOf: bytes)
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var value = value
        var size = 1
        while value >= 0x80 {
            value >>= 7
            size += 1
        }
        return size
    }

    private static func appendVarint(_ value: UInt64, to buffer: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }

    // MARK: Decoding

    /// Calls `body` with the key bytes and the value (nil: delete) of each mutation of an encoded
    /// `StoreBatch`, in order, without copying the keys.
    ///
    /// - Throws: ``DecodingError`` for malformed protobuf, a mutation without a key, a key
    ///   longer than ``StoreKey/maximumLength`` or a kind other than PUT or DELETE. Mutations
    ///   before the bad one have been handed to `body` by then.
    static func forEachMutation(
        in bytes: UnsafeRawBufferPointer,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: [UInt8]?) -> Void
    ) throws(DecodingError) {
        var reader = ProtoWireReader(bytes)
        var count = 0
        while !reader.isAtEnd {
            let (field, wireType) = try reader.tag()
            if field == 1 && wireType == 2 {
                let range = try reader.lengthDelimited()
                let (key, value) = try decodeMutation(
                    ProtoWireReader(bytes, range: range)
                )
                body(UnsafeRawBufferPointer(rebasing: bytes[key]), value)
                count += 1
            } else {
                try reader.skip(wireType: wireType)
            }
        }
        guard count > 0 else {
            throw DecodingError(description: "batch holds no mutation")
        }
    }

    /// The mutations of an encoded `StoreBatch`.
    ///
    /// - Throws: ``DecodingError`` as ``forEachMutation(in:_:)`` does.
    static func decodeBatch(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> [Mutation] {
        var mutations: [Mutation] = []
        try forEachMutation(in: bytes) { key, value in
            mutations.append(Mutation(key: StoreKey(bytes: Array(key)), value: value))
        }
        return mutations
    }

    /// The mutations of an encoded `StoreBatch` in an array.
    static func decodeBatch(_ bytes: [UInt8]) throws(DecodingError) -> [Mutation] {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try decodeBatch(buffer) }
        }
        return try result.get()
    }

    /// A mutation's key range (checked) and value (nil for a delete).
    private static func decodeMutation(
        _ reader: ProtoWireReader
    ) throws(DecodingError) -> (key: Range<Int>, value: [UInt8]?) {
        var reader = reader
        var kind: UInt64 = 0
        var key: Range<Int> = 0..<0
        var value: Range<Int> = 0..<0
        while !reader.isAtEnd {
            let (field, wireType) = try reader.tag()
            switch (field, wireType) {
            case (1, 0): kind = try reader.varint()
            case (2, 2): key = try reader.lengthDelimited()
            case (3, 2): value = try reader.lengthDelimited()
            case (1, _), (2, _), (3, _):
                throw DecodingError(description: "field \(field) of StoreMutation has wire type \(wireType)")
            default: try reader.skip(wireType: wireType)
            }
        }
        try checkKey(key)
        switch UInt32(truncatingIfNeeded: kind) {
        case UInt32(putKind):
            return (key, Array(reader.bytes[value]))
        case UInt32(deleteKind):
            return (key, nil)
        default:
            throw DecodingError(description: "StoreMutation has kind \(Int32(truncatingIfNeeded: kind))")
        }
    }

    /// Decodes a `StoreSnapshotEntry`.
    static func decodeSnapshotEntry(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> (StoreKey, [UInt8]) {
        var reader = ProtoWireReader(bytes)
        var key: Range<Int> = 0..<0
        var value: Range<Int> = 0..<0
        while !reader.isAtEnd {
            let (field, wireType) = try reader.tag()
            switch (field, wireType) {
            case (1, 2): key = try reader.lengthDelimited()
            case (2, 2): value = try reader.lengthDelimited()
            case (1, _), (2, _):
                throw DecodingError(description: "field \(field) of StoreSnapshotEntry has wire type \(wireType)")
            default: try reader.skip(wireType: wireType)
            }
        }
        try checkKey(key)
        return (StoreKey(bytes: Array(bytes[key])), Array(bytes[value]))
    }

    private static func checkKey(_ range: Range<Int>) throws(DecodingError) {
        guard !range.isEmpty else {
            throw DecodingError(description: "mutation has an empty key")
        }
        guard range.count <= StoreKey.maximumLength else {
            throw DecodingError(description: "key of \(range.count) bytes is longer than \(StoreKey.maximumLength)")
        }
    }
}
