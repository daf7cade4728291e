import Logging

/// Rebuilds a table from its directory at open: the newest valid snapshot, then every later log
/// record in sequence order.
///
/// - A torn record at the end of the last segment (cut short, zeroed, or failing its checksum
///   with no valid record after it) is what a crash mid-write leaves: it is truncated, with a
///   warning naming file and offset.
/// - A bad record anywhere else is corruption: recovery throws ``StoreError/Code/corruption``
///   naming file, offset and problem, unless ``StoreOptions/repair`` is set, in which case the
///   segment is copied, truncated at the bad record and every later segment moved aside.
/// - A snapshot that fails its checksum is skipped for the previous one when the log still
///   covers the gap; otherwise recovery throws.
struct TableRecovery {
    /// What recovery found and left behind.
    struct Result {
        /// The table's state.
        var index: OrderedIndex
        /// The sequence number of the last record the state includes.
        var lastSequence: UInt64
        /// The segments on disk, ascending; the last one is open for appending.
        var segments: [SegmentInfo]
        /// The last segment, open for reading and writing.
        var activeSegment: OpenFile
        /// The last segment's size in bytes.
        var activeSegmentSize: Int64
        /// Sequence numbers of the valid snapshots kept on disk, ascending.
        var snapshots: [UInt64]
        /// Records replayed on top of the snapshot.
        var replayedRecords: Int
    }

    let table: String
    let directory: TableDirectory
    let repair: Bool
    let logger: Logger

    private var fileSystem: any FileSystem { directory.fileSystem }

    /// Runs recovery.
    ///
    /// - Throws: ``StoreError`` for corruption that cannot be repaired (or repair is off) and for
    ///   I/O errors.
    func run() throws(StoreError) -> Result {
        do {
            return try recover()
        } catch let error as StoreError {
            throw error
        } catch let error as FileSystemError {
            throw StoreError.io("recovering table \"\(table)\" failed", error)
        } catch {
            throw StoreError(.ioError, "recovering table \"\(table)\" failed", cause: error)
        }
    }

    private func recover() throws -> Result {
        let listing = try directory.list()
        for name in listing.temporaryFiles {
            logger.info(
                "Removing an unfinished snapshot",
                metadata: ["store.file": "\(directory.file(name))"]
            )
            try fileSystem.removeFile(directory.file(name))
        }

        var segments = try checkedSegments(listing.segments)
        let base = try chooseSnapshot(listing.snapshots)
        var changes = ReplayedChanges()
        var lastSequence = base.sequence
        var replayed = 0
        var logNext: UInt64?
        var lastSegmentSize = Int64(SegmentHeader.size)

        if let start = segments.lastIndex(where: { $0.firstSequence <= base.sequence + 1 }) {
            var expected = segments[start].firstSequence
            var position = start
            while position < segments.count {
                let outcome = try replay(
                    segments[position],
                    isLast: position == segments.count - 1,
                    expected: &expected,
                    after: base.sequence,
                    into: &changes
                )
                replayed += outcome.applied
                lastSegmentSize = outcome.size
                if outcome.stopped {
                    try moveAside(Array(segments[(position + 1)...]))
                    segments.removeSubrange((position + 1)...)
                    break
                }
                position += 1
                if position < segments.count && segments[position].firstSequence != expected {
                    throw StoreError(
                        .corruption,
                        "table \"\(table)\": segment \(directory.file(segments[position].name)) starts at sequence "
                            + "\(segments[position].firstSequence), but the previous one ends at \(expected - 1)",
                        path: directory.file(segments[position].name)
                    )
                }
            }
            lastSequence = max(lastSequence, expected - 1)
            logNext = expected
        } else if let first = segments.first {
            let cause = base.failed.isEmpty ? "" : "\(base.failureSummary); "
            throw StoreError(
                .corruption,
                "table \"\(table)\": \(cause)the log starts at sequence \(first.firstSequence) but the usable "
                    + "snapshot covers only up to \(base.sequence); records in between are missing",
                path: base.failedName.map(directory.file) ?? directory.file(first.name)
            )
        }

        let index = changes.applied(to: base.index)

        if let required = base.requiredSequence, lastSequence < required {
            throw StoreError(
                .corruption,
                "table \"\(table)\": \(base.failureSummary); the log only reaches sequence \(lastSequence), "
                    + "so records up to \(required) cannot be recovered",
                path: base.failedName.map(directory.file)
            )
        }

        let active: OpenFile
        if let last = segments.last, logNext == lastSequence + 1 {
            active = try OpenFile.open(directory.file(last.name), mode: .readWrite, fileSystem: fileSystem)
        } else {
            // No log yet, or the snapshot reaches past the log's end: the log continues after it.
            active = try directory.createSegment(firstSequence: lastSequence + 1)
            lastSegmentSize = Int64(SegmentHeader.size)
            segments.append(
                SegmentInfo(firstSequence: lastSequence + 1, name: TableDirectory.segmentName(lastSequence + 1))
            )
        }
        let snapshots = try retire(base: base, segments: &segments)
        return Result(
            index: index,
            lastSequence: lastSequence,
            segments: segments,
            activeSegment: active,
            activeSegmentSize: lastSegmentSize,
            snapshots: snapshots,
            replayedRecords: replayed
        )
    }

    // MARK: Segments

    /// Reads every segment's header; removes a last segment whose creation was cut short.
    private func checkedSegments(_ found: [(sequence: UInt64, name: String)]) throws -> [SegmentInfo] {
        var segments: [SegmentInfo] = []
        for (position, entry) in found.enumerated() {
            let path = directory.file(entry.name)
            let file = try OpenFile.open(path, mode: .readOnly, fileSystem: fileSystem)
            defer { try? file.close() }
            let head = try file.read(count: SegmentHeader.size, at: 0)
            let isLast = position == found.count - 1
            switch SegmentHeader.decode(head) {
            case .success(let header) where header.firstSequence == entry.sequence:
                segments.append(SegmentInfo(firstSequence: entry.sequence, name: entry.name))
            case .success(let header):
                try badSegment(
                    entry.name,
                    problem: "header says first sequence \(header.firstSequence), the name says \(entry.sequence)",
                    remaining: found[(position + 1)...].map(\.name)
                )
                return segments
            case .failure(let problem):
                // A creation cut short leaves a prefix of the header it was writing.
                let expectedHeader = SegmentHeader(firstSequence: entry.sequence).encoded()
                let cutShort = head.count < SegmentHeader.size && expectedHeader.starts(with: head)
                // A last segment that is all zeros never got past creation either (its header is
                // synced before any record is written).
                if try isLast && (cutShort || file.readAll().allSatisfy { $0 == 0 }) {
                    logger.warning(
                        "Removing a log segment whose creation was cut short",
                        metadata: [
                            "store.file": "\(path)", "store.problem": "\(problem)",
                        ]
                    )
                    try fileSystem.removeFile(path)
                    try fileSystem.syncDirectory(directory.path)
                    return segments
                }
                try badSegment(entry.name, problem: "\(problem)", remaining: found[(position + 1)...].map(\.name))
                return segments
            }
        }
        return segments
    }

    /// A segment with a bad header: an error, or with repair, moved aside with every later one.
    private func badSegment(_ name: String, problem: String, remaining: [String]) throws {
        let path = directory.file(name)
        guard repair else {
            throw StoreError(
                .corruption,
                "table \"\(table)\": bad segment header in \(path) at offset 0: \(problem). "
                    + "Start with --repair-store to move it and later segments aside.",
                path: path,
                offset: 0
            )
        }
        try moveAside(
            [name] + remaining,
            "Repair: moved a log segment aside",
            metadata: ["store.problem": "\(problem)"]
        )
    }

    /// What replaying one segment did.
    private struct ReplayOutcome {
        var applied: Int
        var size: Int64
        /// Replay ended in this segment (torn tail truncated or repaired); later segments go.
        var stopped: Bool
    }

    /// Replays one segment's records after `base` into `changes`.
    private func replay(
        _ segment: SegmentInfo,
        isLast: Bool,
        expected: inout UInt64,
        after base: UInt64,
        into changes: inout ReplayedChanges
    ) throws -> ReplayOutcome {
        let path = directory.file(segment.name)
        let file = try OpenFile.open(path, mode: .readWrite, fileSystem: fileSystem)
        defer { try? file.close() }
        let bytes = try file.readAll()
        let result = Self.decodeRecords(bytes, expected: expected, after: base, into: &changes)
        expected = result.expected
        let applied = result.applied
        let badRecord = result.badRecord
        guard let badRecord else {
            return ReplayOutcome(applied: applied, size: Int64(bytes.count), stopped: false)
        }
        let dropped = bytes.count - badRecord.offset
        if isLast && badRecord.tearable && !Self.containsValidRecord(bytes, after: badRecord.offset, from: expected) {
            logger.warning(
                "Truncating a torn record at the end of the log",
                metadata: [
                    "store.file": "\(path)", "store.offset": "\(badRecord.offset)",
                    "store.problem": "\(badRecord.problem)", "store.droppedBytes": "\(dropped)",
                ]
            )
            try file.truncate(to: Int64(badRecord.offset))
            try file.sync()
            return ReplayOutcome(applied: applied, size: Int64(badRecord.offset), stopped: true)
        }
        guard repair else {
            throw StoreError(
                .corruption,
                "table \"\(table)\": bad record in \(path) at offset \(badRecord.offset): \(badRecord.problem); "
                    + "\(dropped) bytes from there on"
                    + (isLast ? "" : " and every later segment")
                    + " cannot be read. Start with --repair-store to truncate the log there (a copy of the file is kept).",
                path: path,
                offset: Int64(badRecord.offset)
            )
        }
        let copy = try directory.keepCopy(of: segment.name, stamp: Posix.wallClockMilliseconds())
        try file.truncate(to: Int64(badRecord.offset))
        try file.sync()
        logger.warning(
            "Repair: truncated the log at a bad record",
            metadata: [
                "store.file": "\(path)", "store.offset": "\(badRecord.offset)",
                "store.problem": "\(badRecord.problem)", "store.copy": "\(copy)",
            ]
        )
        return ReplayOutcome(applied: applied, size: Int64(badRecord.offset), stopped: true)
    }

    /// What checking one segment's records found.
    private struct SegmentScan {
        /// The sequence number the next record must have.
        var expected: UInt64
        /// Records decoded for applying (after the snapshot).
        var applied: Int
        /// The first record that is not valid, when there is one.
        var badRecord: (offset: Int, problem: String, tearable: Bool)?
    }

    /// Checks the records of a segment in order (framing, checksum, sequence) and decodes those
    /// after `base` into `changes`; stops at the first bad record (none of whose mutations stay in
    /// `changes`).
    private static func decodeRecords(
        _ bytes: [UInt8],
        expected: UInt64,
        after base: UInt64,
        into changes: inout ReplayedChanges
    ) -> SegmentScan {
        var scan = SegmentScan(expected: expected, applied: 0, badRecord: nil)
        bytes.withUnsafeBytes { buffer in
            var offset = SegmentHeader.size
            while offset < buffer.count {
                switch RecordFrame.decode(buffer, at: offset) {
                case .failure(let problem):
                    scan.badRecord = (offset, "\(problem)", true)
                    return
                case .success(let record):
                    guard record.sequence == scan.expected else {
                        scan.badRecord = (
                            offset, "record has sequence \(record.sequence), expected \(scan.expected)", false
                        )
                        return
                    }
                    if record.sequence > base {
                        let recorded = changes.count
                        do {
                            try BatchCodec.forEachMutation(in: UnsafeRawBufferPointer(rebasing: buffer[record.payload]))
                            {
                                key,
                                value in changes.record(key: key, value: value)
                            }
                        } catch {
                            changes.truncate(to: recorded)
                            scan.badRecord = (offset, "record \(record.sequence) holds a bad batch: \(error)", false)
                            return
                        }
                        scan.applied += 1
                    }
                    scan.expected += 1
                    offset = record.end
                }
            }
        }
        return scan
    }

    /// Whether a whole, valid record with a plausible sequence number starts anywhere after
    /// `offset`: if so, the bad record at `offset` is damage in the middle of the log, not a torn
    /// end.
    static func containsValidRecord(_ bytes: [UInt8], after offset: Int, from expected: UInt64) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var candidate = offset + 1
            let maximumRecords = UInt64(buffer.count / RecordFrame.headerSize + 1)
            while candidate + RecordFrame.headerSize <= buffer.count {
                let length = Int(ByteCoding.uint32(buffer, at: candidate))
                let sequence = ByteCoding.uint64(buffer, at: candidate + 8)
                if length > 0, length <= buffer.count - candidate - RecordFrame.headerSize,
                    sequence >= expected, sequence - expected <= maximumRecords,
                    case .success = RecordFrame.decode(buffer, at: candidate)
                {
                    return true
                }
                candidate += 1
            }
            return false
        }
    }

    /// Moves segments after a repaired one aside (their records no longer follow on).
    private func moveAside(_ segments: [SegmentInfo]) throws {
        guard !segments.isEmpty else { return }
        guard repair else {
            // Only a torn last segment stops replay without repair, and it has no successor.
            preconditionFailure("segments after a stop without repair")
        }
        try moveAside(segments.map(\.name), "Repair: moved a log segment after the truncated one aside")
    }

    /// Renames each of `names` to `<name>.corrupt-<now>`, logging `message` for each, then syncs
    /// the directory.
    private func moveAside(_ names: [String], _ message: Logger.Message, metadata: Logger.Metadata = [:]) throws {
        let stamp = Posix.wallClockMilliseconds()
        for name in names {
            let moved = try directory.moveAside(name, stamp: stamp)
            logger.warning(message, metadata: metadata.merging(["store.file": "\(moved)"]) { $1 })
        }
        try fileSystem.syncDirectory(directory.path)
    }

    // MARK: Snapshots

    /// The snapshot recovery starts from.
    private struct Base {
        var index = OrderedIndex()
        var sequence: UInt64 = 0
        /// Valid snapshots (ascending), the chosen one last.
        var valid: [(sequence: UInt64, name: String)] = []
        /// Newer snapshots that failed to load.
        var failed: [(sequence: UInt64, name: String, problem: String)] = []

        /// The log must reach at least this far (the newest bad snapshot claimed it).
        var requiredSequence: UInt64? { failed.map(\.sequence).max() }
        var failedName: String? { failed.first?.name }
        var failureSummary: String {
            failed.map { "snapshot \($0.name) is unreadable (\($0.problem))" }.joined(separator: "; ")
        }
    }

    /// Loads the newest snapshot that reads back intact.
    private func chooseSnapshot(_ snapshots: [(sequence: UInt64, name: String)]) throws -> Base {
        var base = Base()
        for (position, candidate) in snapshots.enumerated().reversed() {
            do {
                let (index, sequence) = try SnapshotFile.load(candidate.name, table: table, in: directory)
                guard sequence == candidate.sequence else {
                    throw SnapshotFile.LoadError.invalid(
                        SnapshotDecoder.Problem(
                            description: "holds sequence \(sequence), not the one in its name",
                            offset: 16
                        )
                    )
                }
                base.index = index
                base.sequence = sequence
                base.valid = Array(snapshots[..<position]) + [candidate]
                break
            } catch SnapshotFile.LoadError.io(let error) {
                // A read error is not damage: never fall back to older data because of it.
                throw StoreError.io("reading snapshot \(directory.file(candidate.name)) failed", error)
            } catch {
                logger.warning(
                    "Snapshot is unreadable; trying the previous one",
                    metadata: [
                        "store.file": "\(directory.file(candidate.name))",
                        "store.problem": "\(error)",
                    ]
                )
                base.failed.append((candidate.sequence, candidate.name, "\(error)"))
            }
        }
        return base
    }

    /// Deletes what the newest snapshots make unnecessary and moves bad snapshots aside.
    ///
    /// Kept: the two newest valid snapshots and every segment holding a record after the older of
    /// them, so a damaged newest snapshot can always be replaced by the previous one plus the log.
    ///
    /// - Returns: the sequence numbers of the snapshots kept.
    private func retire(base: Base, segments: inout [SegmentInfo]) throws -> [UInt64] {
        let stamp = Posix.wallClockMilliseconds()
        for failed in base.failed {
            let moved = try directory.moveAside(failed.name, stamp: stamp)
            logger.warning(
                "Moved an unreadable snapshot aside",
                metadata: ["store.file": "\(moved)"]
            )
        }
        let plan = RetentionPlan(snapshots: base.valid.map(\.sequence), segments: segments)
        for sequence in plan.obsoleteSnapshots {
            try fileSystem.removeFile(directory.file(TableDirectory.snapshotName(sequence)))
        }
        for segment in plan.obsoleteSegments {
            try fileSystem.removeFile(directory.file(segment.name))
        }
        if !plan.obsoleteSegments.isEmpty || !plan.obsoleteSnapshots.isEmpty || !base.failed.isEmpty {
            logger.info(
                "Removed files covered by snapshots",
                metadata: [
                    "store.segments": "\(plan.obsoleteSegments.count)",
                    "store.snapshots": "\(plan.obsoleteSnapshots.count)",
                ]
            )
            try fileSystem.syncDirectory(directory.path)
        }
        segments = plan.keptSegments
        return plan.keptSnapshots
    }
}
