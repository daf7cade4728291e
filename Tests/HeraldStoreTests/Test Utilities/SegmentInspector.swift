@testable import HeraldStore

/// Where the records of a segment file lie.
enum SegmentInspector {
    struct Located: Hashable {
        var start: Int
        var end: Int
        var sequence: UInt64
    }

    /// Every record of the segment at `path`, in file order (stops at the first bad one).
    static func records(_ path: String) throws -> [Located] {
        let bytes = try Files.read(path)
        var offset = SegmentHeader.size
        var found: [Located] = []
        while offset < bytes.count, case .success(let record) = RecordFrame.decode(bytes, at: offset) {
            found.append(Located(start: offset, end: record.end, sequence: record.sequence))
            offset = record.end
        }
        return found
    }
}
