/// A table's directory and the names of the files in it.
///
/// - `<20-digit first sequence>.log`: a log segment (``SegmentHeader`` + records).
/// - `<20-digit last sequence>.snapshot`: a snapshot (see ``SnapshotLayout``).
/// - `<name>.tmp`: a snapshot being written; removed at open.
/// - `<name>.corrupt-<unix ms>`: a copy kept by repair; never read.
struct TableDirectory: Sendable {
    /// The directory's path.
    let path: String
    /// The file system it lives on.
    let fileSystem: any FileSystem

    /// What the directory holds.
    struct Listing {
        /// Segments by first sequence, ascending.
        var segments: [(sequence: UInt64, name: String)] = []
        /// Snapshots by last sequence, ascending.
        var snapshots: [(sequence: UInt64, name: String)] = []
        /// Unfinished snapshot files.
        var temporaryFiles: [String] = []
    }

    static let segmentSuffix = ".log"
    static let snapshotSuffix = ".snapshot"
    static let temporarySuffix = ".tmp"

    /// The full path of a file in the directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// The name of the segment whose first record has `sequence`.
    static func segmentName(_ sequence: UInt64) -> String {
        paddedNumber(sequence) + segmentSuffix
    }

    /// The name of the snapshot covering records up to `sequence`.
    static func snapshotName(_ sequence: UInt64) -> String {
        paddedNumber(sequence) + snapshotSuffix
    }

    private static func paddedNumber(_ value: UInt64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    private static func number(in name: String, suffix: String) -> UInt64? {
        guard name.hasSuffix(suffix) else { return nil }
        let digits = name.dropLast(suffix.count)
        guard digits.count == 20, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return UInt64(digits)
    }

    /// Lists the directory's segments, snapshots and temporary files.
    func list() throws(FileSystemError) -> Listing {
        var listing = Listing()
        for name in try fileSystem.contentsOfDirectory(path) {
            if let sequence = Self.number(in: name, suffix: Self.segmentSuffix) {
                listing.segments.append((sequence, name))
            } else if let sequence = Self.number(in: name, suffix: Self.snapshotSuffix) {
                listing.snapshots.append((sequence, name))
            } else if name.hasSuffix(Self.temporarySuffix) {
                listing.temporaryFiles.append(name)
            }
        }
        listing.segments.sort { $0.sequence < $1.sequence }
        listing.snapshots.sort { $0.sequence < $1.sequence }
        return listing
    }

    /// Creates a segment safely: header written, file synced, directory synced.
    ///
    /// - Returns: the new segment, open for appending after its header.
    func createSegment(firstSequence: UInt64) throws(FileSystemError) -> OpenFile {
        let segmentPath = file(Self.segmentName(firstSequence))
        let segment = try OpenFile.open(segmentPath, mode: .createNew, fileSystem: fileSystem)
        do {
            try segment.writeAll(SegmentHeader(firstSequence: firstSequence).encoded(), at: 0)
            try segment.sync()
            try fileSystem.syncDirectory(path)
        } catch {
            try? segment.close()
            throw error
        }
        return segment
    }

    /// Copies `name` to `<name>.corrupt-<now>` (synced) before repair changes it.
    ///
    /// - Returns: the copy's path.
    func keepCopy(of name: String, stamp: Int64) throws(FileSystemError) -> String {
        let source = try OpenFile.open(file(name), mode: .readOnly, fileSystem: fileSystem)
        defer { try? source.close() }
        let bytes = try source.readAll()
        let copyPath = file("\(name).corrupt-\(stamp)")
        let copy = try OpenFile.open(copyPath, mode: .createNew, fileSystem: fileSystem)
        defer { try? copy.close() }
        try copy.writeAll(bytes, at: 0)
        try copy.sync()
        return copyPath
    }

    /// Renames `name` to `<name>.corrupt-<now>` so it is never read again.
    ///
    /// - Returns: the new path.
    func moveAside(_ name: String, stamp: Int64) throws(FileSystemError) -> String {
        let target = file("\(name).corrupt-\(stamp)")
        try fileSystem.rename(file(name), to: target)
        return target
    }
}
