import Foundation

/// The records of a store log segment (docs/STORAGE.md §3): after the 32-byte header, each record
/// is a 4-byte length, a 4-byte CRC, an 8-byte sequence number and the payload.
struct LogSegmentRecords {
    struct Record {
        /// Where the record starts in the file.
        var offset: Int
        var sequence: UInt64
        /// Where the payload lies in the file.
        var payload: Range<Int>
    }

    let bytes: [UInt8]
    let records: [Record]

    /// Reads every whole record of the segment at `path`.
    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var records: [Record] = []
        var offset = 32
        while offset + 16 <= bytes.count {
            let length = Int(Self.integer(bytes, at: offset, size: 4))
            guard length > 0, offset + 16 + length <= bytes.count else { break }
            records.append(
                Record(
                    offset: offset,
                    sequence: Self.integer(bytes, at: offset + 8, size: 8),
                    payload: (offset + 16)..<(offset + 16 + length)
                )
            )
            offset += 16 + length
        }
        self.bytes = bytes
        self.records = records
    }

    /// The record whose payload contains `text`.
    func record(containing text: String) -> Record? {
        let needle = Array(text.utf8)
        return records.first { record in
            bytes[record.payload].indices.contains { start in
                start + needle.count <= record.payload.upperBound
                    && bytes[start..<(start + needle.count)].elementsEqual(needle)
            }
        }
    }

    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { value, index in value | UInt64(bytes[offset + index]) << (8 * index) }
    }
}
