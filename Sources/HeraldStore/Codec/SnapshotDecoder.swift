import HeraldProtos

/// Reads a snapshot file fed to it in chunks, in order: checks the layout, hands each entry to
/// a closure and checks the trailer's count and checksum at the end.
///
/// The entries handed out are only trustworthy once ``finish()`` returns: the checksum covers
/// the whole file and is checked last.
struct SnapshotDecoder {
    /// What is wrong with a snapshot file.
    struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// What was found.
        var description: String
        /// The offset in the file, when it applies to one place.
        var offset: Int64?
    }

    private enum Stage {
        case fixedHeader
        case headerMessage(length: Int)
        case entries
        case done
    }

    private let fileSize: Int64
    private var stage = Stage.fixedHeader
    private var carry: [UInt8] = []
    /// The file offset of `carry[0]`.
    private var carryOffset: Int64 = 0
    private var crc = CRC32C()
    private var entryCount: UInt64 = 0
    private var previousKey: [UInt8]?
    private var trailer: [UInt8] = []

    /// The header message, once read.
    private(set) var header: StoreSnapshotHeader?
    /// The last sequence number from the fixed header, once read.
    private(set) var lastSequence: UInt64?

    /// A decoder for a file of `fileSize` bytes.
    init(fileSize: Int64) {
        self.fileSize = fileSize
    }

    private var entriesEnd: Int64 { fileSize - Int64(SnapshotLayout.trailerSize) }

    /// Consumes the next chunk of the file.
    ///
    /// - Parameter entry: called with each key and value, in file order.
    mutating func consume(_ chunk: [UInt8], entry: (StoreKey, [UInt8]) -> Void) throws(Problem) {
        guard fileSize >= Int64(SnapshotLayout.fixedHeaderSize + SnapshotLayout.trailerSize) else {
            throw Problem(description: "file of \(fileSize) bytes is too short for a snapshot", offset: nil)
        }
        let crcEnd = fileSize - 4
        let chunkStart = carryOffset + Int64(carry.count)
        let covered = max(0, min(Int64(chunk.count), crcEnd - chunkStart))
        chunk.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[0..<Int(covered)])) }
        carry += chunk
        let buffer = carry
        var consumed = 0
        let result = buffer.withUnsafeBytes { bytes in
            Result { () throws(Problem) in try parse(bytes, consumed: &consumed, entry: entry) }
        }
        carry.removeFirst(consumed)
        carryOffset += Int64(consumed)
        try result.get()
    }

    private mutating func parse(
        _ bytes: UnsafeRawBufferPointer,
        consumed: inout Int,
        entry: (StoreKey, [UInt8]) -> Void
    ) throws(Problem) {
        while true {
            let available = bytes.count - consumed
            let offset = carryOffset + Int64(consumed)
            switch stage {
            case .fixedHeader:
                guard available >= SnapshotLayout.fixedHeaderSize else { return }
                guard
                    UnsafeRawBufferPointer(rebasing: bytes[consumed..<consumed + 8]).elementsEqual(SnapshotLayout.magic)
                else {
                    throw Problem(description: "not a Herald snapshot (bad magic)", offset: 0)
                }
                let version = ByteCoding.uint32(bytes, at: consumed + 8)
                guard version == SnapshotLayout.formatVersion else {
                    throw Problem(description: "unsupported snapshot format version \(version)", offset: 8)
                }
                lastSequence = ByteCoding.uint64(bytes, at: consumed + 16)
                let length = Int(ByteCoding.uint32(bytes, at: consumed + 24))
                guard length <= SnapshotLayout.maximumItemSize,
                    Int64(SnapshotLayout.fixedHeaderSize + length) <= entriesEnd
                else {
                    throw Problem(description: "invalid header message length \(length)", offset: 24)
                }
                consumed += SnapshotLayout.fixedHeaderSize
                stage = .headerMessage(length: length)
            case .headerMessage(let length):
                guard available >= length else { return }
                do {
                    header = try StoreSnapshotHeader(
                        serializedBuffer: UnsafeRawBufferPointer(rebasing: bytes[consumed..<consumed + length])
                    )
                } catch {
                    throw Problem(description: "bad header message: \(error)", offset: offset)
                }
                consumed += length
                stage = .entries
            case .entries:
                if offset == entriesEnd {
                    stage = .done
                    continue
                }
                guard available >= 4 else { return }
                let length = Int(ByteCoding.uint32(bytes, at: consumed))
                guard length > 0, length <= SnapshotLayout.maximumItemSize, offset + 4 + Int64(length) <= entriesEnd
                else {
                    throw Problem(description: "invalid entry length \(length)", offset: offset)
                }
                guard available >= 4 + length else { return }
                let body = UnsafeRawBufferPointer(rebasing: bytes[consumed + 4..<consumed + 4 + length])
                let key: StoreKey
                let value: [UInt8]
                do {
                    (key, value) = try BatchCodec.decodeSnapshotEntry(body)
                } catch {
                    throw Problem(description: "bad entry: \(error)", offset: offset)
                }
                if let previousKey, ByteCoding.compare(previousKey, key.bytes) >= 0 {
                    throw Problem(description: "entries out of key order", offset: offset)
                }
                previousKey = key.bytes
                entryCount += 1
                entry(key, value)
                consumed += 4 + length
            case .done:
                trailer += UnsafeRawBufferPointer(rebasing: bytes[consumed...])
                consumed = bytes.count
                return
            }
        }
    }

    /// Checks the trailer once the whole file was consumed.
    ///
    /// - Returns: the header message and the last sequence number covered.
    mutating func finish() throws(Problem) -> (header: StoreSnapshotHeader, lastSequence: UInt64) {
        guard case .done = stage, trailer.count == SnapshotLayout.trailerSize, let header, let lastSequence else {
            throw Problem(description: "snapshot ends early", offset: carryOffset)
        }
        let storedCount = ByteCoding.uint64(trailer, at: 0)
        let storedCRC = ByteCoding.uint32(trailer, at: 8)
        guard storedCRC == crc.value else {
            throw Problem(
                description:
                    "CRC-32C mismatch (stored 0x\(String(storedCRC, radix: 16)), computed 0x\(String(crc.value, radix: 16)))",
                offset: fileSize - 4
            )
        }
        guard storedCount == entryCount, header.entryCount == entryCount, header.lastSequence == lastSequence else {
            throw Problem(
                description: "entry count or sequence in the trailer and the header disagree",
                offset: fileSize - Int64(SnapshotLayout.trailerSize)
            )
        }
        return (header, lastSequence)
    }
}
