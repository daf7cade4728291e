/// The framing of one log record.
///
/// ```
/// offset  size  field
///      0     4  payload length, UInt32 little-endian (1 … maximumPayloadSize)
///      4     4  CRC-32C of bytes 0..<4 followed by bytes 8..<16+length, UInt32 little-endian
///      8     8  sequence number, UInt64 little-endian
///     16     n  payload: a protobuf-encoded `herald.storage.v1.StoreBatch`
/// ```
enum RecordFrame {
    /// Bytes before the payload.
    static let headerSize = 16
    /// The largest payload a record may carry (64 MiB); a larger length field is corruption.
    static let maximumPayloadSize = 64 << 20

    /// What was wrong with the bytes at an offset that should hold a record.
    enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// Fewer than ``RecordFrame/headerSize`` bytes remain.
        case truncatedHeader(available: Int)
        /// The header is all zero bytes (space that was never written).
        case zeroedHeader
        /// The length field is 0 or above ``RecordFrame/maximumPayloadSize``.
        case invalidLength(Int)
        /// The payload ends past the end of the data.
        case truncatedPayload(length: Int, available: Int)
        /// The stored checksum does not match the bytes.
        case checksumMismatch(stored: UInt32, computed: UInt32)

        var description: String {
            switch self {
            case .truncatedHeader(let available):
                "record header cut short (\(available) of \(RecordFrame.headerSize) bytes)"
            case .zeroedHeader:
                "zeroed bytes where a record header should be"
            case .invalidLength(let length):
                "invalid record length \(length)"
            case .truncatedPayload(let length, let available):
                "record payload cut short (\(available) of \(length) bytes)"
            case .checksumMismatch(let stored, let computed):
                "CRC-32C mismatch (stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16)))"
            }
        }
    }

    /// A record found in a buffer.
    struct Record: Hashable, Sendable {
        /// The record's sequence number.
        var sequence: UInt64
        /// Where the payload lies in the buffer.
        var payload: Range<Int>
        /// The offset just past the record.
        var end: Int { payload.upperBound }
    }

    /// Appends the frame of a record to `buffer`.
    static func append(sequence: UInt64, payload: [UInt8], to buffer: inout [UInt8]) {
        precondition(!payload.isEmpty && payload.count <= maximumPayloadSize, "invalid payload size")
        let start = buffer.count
        ByteCoding.appendUInt32(UInt32(payload.count), to: &buffer)
        ByteCoding.appendUInt32(0, to: &buffer)
        ByteCoding.appendUInt64(sequence, to: &buffer)
        buffer.append(contentsOf: payload)
        buffer.withUnsafeMutableBytes { bytes in
            let checksum = checksum(UnsafeRawBufferPointer(bytes), start: start, length: payload.count)
            bytes.storeBytes(of: checksum.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }

    /// The frame of one record.
    static func encode(sequence: UInt64, payload: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(headerSize + payload.count)
        append(sequence: sequence, payload: payload, to: &buffer)
        return buffer
    }

    /// Reads the record that starts at `offset`.
    ///
    /// - Returns: the record, or what is wrong with the bytes there.
    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Result<Record, Problem> {
        let available = bytes.count - offset
        guard available >= headerSize else {
            return .failure(.truncatedHeader(available: available))
        }
        let length = Int(ByteCoding.uint32(bytes, at: offset))
        let stored = ByteCoding.uint32(bytes, at: offset + 4)
        guard length > 0 && length <= maximumPayloadSize else {
            let header = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + headerSize])
            return .failure(ByteCoding.isAllZero(header) ? .zeroedHeader : .invalidLength(length))
        }
        guard length <= available - headerSize else {
            return .failure(.truncatedPayload(length: length, available: available - headerSize))
        }
        let computed = checksum(bytes, start: offset, length: length)
        guard computed == stored else {
            return .failure(.checksumMismatch(stored: stored, computed: computed))
        }
        let sequence = ByteCoding.uint64(bytes, at: offset + 8)
        let payloadStart = offset + headerSize
        return .success(Record(sequence: sequence, payload: payloadStart..<payloadStart + length))
    }

    /// Reads the record that starts at `offset` of an array.
    static func decode(_ bytes: [UInt8], at offset: Int) -> Result<Record, Problem> {
        bytes.withUnsafeBytes { decode($0, at: offset) }
    }

    /// The checksum of the record at `start` with a payload of `length` bytes.
    private static func checksum(_ bytes: UnsafeRawBufferPointer, start: Int, length: Int) -> UInt32 {
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[start..<start + 4]))
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[start + 8..<start + headerSize + length]))
        return crc.value
    }
}
