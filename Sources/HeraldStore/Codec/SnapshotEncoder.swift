import HeraldProtos

/// The layout of a snapshot file, shared by ``SnapshotEncoder`` and ``SnapshotDecoder``.
///
/// ```
/// offset  size  field
///      0     8  magic, ASCII "HERALDSN"
///      8     4  format version, UInt32 little-endian (1)
///     12     4  reserved, zero
///     16     8  last sequence number covered, UInt64 little-endian
///     24     4  length h of the header message, UInt32 little-endian
///     28     h  herald.storage.v1.StoreSnapshotHeader (protobuf)
///   then, per key in ascending key order:
///            4  length n, UInt32 little-endian
///            n  herald.storage.v1.StoreSnapshotEntry (protobuf)
///   then the trailer:
///            8  number of entries, UInt64 little-endian
///            4  CRC-32C of every byte of the file before this field, UInt32 little-endian
/// ```
enum SnapshotLayout {
    /// The first 8 bytes of every snapshot.
    static let magic: [UInt8] = Array("HERALDSN".utf8)
    /// The format version this code writes and reads.
    static let formatVersion: UInt32 = 1
    /// Bytes before the header message.
    static let fixedHeaderSize = 28
    /// Bytes of the trailer (entry count and checksum).
    static let trailerSize = 12
    /// The largest header message or entry accepted (64 MiB); a larger length is corruption.
    static let maximumItemSize = 64 << 20
}

/// Produces the bytes of a snapshot file piece by piece, so a large table is written in chunks
/// without holding the whole file in memory.
struct SnapshotEncoder {
    /// Bytes produced and not yet taken.
    private(set) var pending: [UInt8] = []
    private var crc = CRC32C()
    private var entryCount: UInt64 = 0

    /// Starts a snapshot with its header.
    init(header: StoreSnapshotHeader) throws(ProtoEncodingError) {
        var message: [UInt8] = []
        try header.serialize(into: &message)
        pending = SnapshotLayout.magic
        ByteCoding.appendUInt32(SnapshotLayout.formatVersion, to: &pending)
        ByteCoding.appendUInt32(0, to: &pending)
        ByteCoding.appendUInt64(header.lastSequence, to: &pending)
        ByteCoding.appendUInt32(UInt32(message.count), to: &pending)
        pending += message
    }

    /// Adds one key; keys must come in ascending order.
    mutating func append(key: [UInt8], value: [UInt8]) {
        ByteCoding.appendUInt32(UInt32(BatchCodec.snapshotEntrySize(key: key, value: value)), to: &pending)
        BatchCodec.appendSnapshotEntry(key: key, value: value, to: &pending)
        entryCount += 1
    }

    /// Hands over the bytes produced so far (folded into the checksum).
    mutating func takePending() -> [UInt8] {
        crc.update(pending)
        defer { pending = [] }
        return pending
    }

    /// Ends the snapshot: returns the last bytes, trailer included.
    mutating func finish() -> [UInt8] {
        ByteCoding.appendUInt64(entryCount, to: &pending)
        var bytes = takePending()
        ByteCoding.appendUInt32(crc.value, to: &bytes)
        return bytes
    }
}
