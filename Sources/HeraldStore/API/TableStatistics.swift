/// Counters of one table since it was opened, for tests and operations.
public struct TableStatistics: Hashable, Sendable {
    /// The sequence number of the last durable (acknowledged) record.
    public var lastSequence: UInt64 = 0
    /// Records appended since open.
    public var appendedRecords: UInt64 = 0
    /// Group commits (one write each) since open.
    public var groupCommits: UInt64 = 0
    /// `fdatasync` calls on the log since open.
    public var syncs: UInt64 = 0
    /// Snapshots written since open.
    public var snapshotsWritten: UInt64 = 0
    /// Snapshots that failed since open (the table keeps working; the next one retries).
    public var snapshotFailures: UInt64 = 0
    /// The sequence number the newest snapshot covers (0 without snapshot).
    public var snapshotSequence: UInt64 = 0
    /// Records replayed from the log at open.
    public var recoveredRecords: Int = 0

    /// All zero.
    public init() {}
}
