/// Counters of one table since it was opened, for metrics and tests.
public struct TableStatistics: Hashable, Sendable {
    /// Keys in the table.
    public var entryCount = 0
    /// The sequence number of the last durable (acknowledged) record.
    public var lastSequence: UInt64 = 0
    /// Records appended since open.
    public var appendedRecords: UInt64 = 0
    /// Bytes appended to the log since open.
    public var appendedBytes: UInt64 = 0
    /// Group commits (one write each) since open.
    public var groupCommits: UInt64 = 0
    /// `fdatasync` calls on the log since open.
    public var syncs: UInt64 = 0
    /// Total time spent in those `fdatasync` calls, in nanoseconds.
    public var syncNanoseconds: UInt64 = 0
    /// The longest of them, in nanoseconds.
    public var maximumSyncNanoseconds: UInt64 = 0
    /// Log segments on disk.
    public var segmentCount = 0
    /// Bytes in log segments on disk.
    public var logBytes: Int64 = 0
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
