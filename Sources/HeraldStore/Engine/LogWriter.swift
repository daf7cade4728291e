/// A table's active log segment: appends records, syncs, and moves on to a new segment when the
/// current one is full.
///
/// `@unchecked Sendable`: used only on the table's writer queue (and by `close` after the writer
/// went idle), never from two threads at once.
final class LogWriter: @unchecked Sendable {
    private let directory: TableDirectory
    private let segmentSize: Int
    private var file: OpenFile
    private var size: Int64
    /// Whether bytes were written since the last sync.
    private(set) var isDirty = false
    /// Whether ``close(sync:)`` ran.
    private(set) var isClosed = false

    /// A writer appending to `file` (a segment of `size` bytes).
    init(directory: TableDirectory, segmentSize: Int, file: OpenFile, size: Int64) {
        self.directory = directory
        self.segmentSize = segmentSize
        self.file = file
        self.size = size
    }

    /// Starts a new segment for records from `nextSequence` when the current one reached the
    /// segment size, or when `force` is set and the current one holds a record.
    ///
    /// The old segment is synced first (so only the last segment can ever end torn), the new one
    /// is created safely (header written and synced, directory synced).
    ///
    /// - Returns: the new segment, nil when none was started.
    func rollIfNeeded(nextSequence: UInt64, force: Bool) throws(FileSystemError) -> SegmentInfo? {
        guard size >= Int64(segmentSize) || (force && size > Int64(SegmentHeader.size)) else { return nil }
        if isDirty {
            try file.dataSync()
            isDirty = false
        }
        let next = try directory.createSegment(firstSequence: nextSequence)
        // The old segment is synced: an error closing it loses nothing.
        try? file.close()
        file = next
        size = Int64(SegmentHeader.size)
        return SegmentInfo(firstSequence: nextSequence, name: TableDirectory.segmentName(nextSequence))
    }

    /// Writes `bytes` at the end of the segment (one `pwrite`, more only after a short write).
    func append(_ bytes: [UInt8]) throws(FileSystemError) {
        isDirty = true
        try file.writeAll(bytes, at: size)
        size += Int64(bytes.count)
    }

    /// `fdatasync`s the segment.
    func sync() throws(FileSystemError) {
        try file.dataSync()
        isDirty = false
    }

    /// Closes the segment, syncing it first when `sync` is set and something is unsynced.
    func close(sync: Bool) throws(FileSystemError) {
        guard !isClosed else { return }
        isClosed = true
        if sync && isDirty {
            try file.dataSync()
            isDirty = false
        }
        try file.close()
    }
}
