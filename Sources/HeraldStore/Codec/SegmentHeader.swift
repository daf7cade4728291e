/// The 32-byte header every log segment file starts with.
///
/// ```
/// offset  size  field
///      0     8  magic, ASCII "HERALDLG"
///      8     4  format version, UInt32 little-endian (1)
///     12     4  reserved, zero
///     16     8  sequence number of the segment's first record, UInt64 little-endian
///     24     4  reserved, zero
///     28     4  CRC-32C of bytes 0..<28, UInt32 little-endian
/// ```
struct SegmentHeader: Hashable, Sendable {
    /// The header's size in bytes; records start right after it.
    static let size = 32
    /// The first 8 bytes of every segment.
    static let magic: [UInt8] = Array("HERALDLG".utf8)
    /// The format version this code writes and reads.
    static let formatVersion: UInt32 = 1

    /// What is wrong with a segment header.
    enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file is shorter than a header.
        case truncated(available: Int)
        /// The header is all zero bytes.
        case zeroed
        /// The file does not start with the magic bytes.
        case badMagic
        /// The header's checksum does not match.
        case checksumMismatch
        /// Written by a format version this code does not read.
        case unsupportedVersion(UInt32)

        var description: String {
            switch self {
            case .truncated(let available): "segment header cut short (\(available) of \(SegmentHeader.size) bytes)"
            case .zeroed: "segment header is zeroed"
            case .badMagic: "not a Herald log segment (bad magic)"
            case .checksumMismatch: "segment header CRC-32C mismatch"
            case .unsupportedVersion(let version): "unsupported segment format version \(version)"
            }
        }
    }

    /// The sequence number of the first record in the segment (the next one to be written when
    /// the segment is empty).
    var firstSequence: UInt64

    init(firstSequence: UInt64) {
        self.firstSequence = firstSequence
    }

    /// The header's 32 bytes.
    func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.size)
        ByteCoding.appendUInt32(Self.formatVersion, to: &bytes)
        ByteCoding.appendUInt32(0, to: &bytes)
        ByteCoding.appendUInt64(firstSequence, to: &bytes)
        ByteCoding.appendUInt32(0, to: &bytes)
        ByteCoding.appendUInt32(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// Reads a header from the first bytes of a segment.
    static func decode(_ bytes: [UInt8]) -> Result<SegmentHeader, Problem> {
        guard bytes.count >= size else {
            return .failure(.truncated(available: bytes.count))
        }
        let header = Array(bytes[0..<size])
        if header.allSatisfy({ $0 == 0 }) {
            return .failure(.zeroed)
        }
        guard header[0..<8].elementsEqual(magic) else {
            return .failure(.badMagic)
        }
        guard CRC32C.checksum(Array(header[0..<28])) == ByteCoding.uint32(header, at: 28) else {
            return .failure(.checksumMismatch)
        }
        let version = ByteCoding.uint32(header, at: 8)
        guard version == formatVersion else {
            return .failure(.unsupportedVersion(version))
        }
        return .success(SegmentHeader(firstSequence: ByteCoding.uint64(header, at: 16)))
    }
}
