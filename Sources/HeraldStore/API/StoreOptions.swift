/// How a ``Store`` writes, compacts and recovers its tables.
public struct StoreOptions: Sendable {
    /// When writes are acknowledged; ``Durability/always`` by default.
    public var durability: Durability

    /// A log segment is closed and a new one started once it holds this many bytes (16 MiB by
    /// default).
    public var segmentSize: Int

    /// A snapshot is written once this many bytes were appended to a table's log since the last
    /// one (64 MiB by default).
    public var snapshotThreshold: Int

    /// The most records written and synced together by one group commit (4096 by default). 1
    /// means one `fdatasync` per write, which is only useful to measure what group commit gains.
    public var maximumRecordsPerSync: Int

    /// Repair instead of refusing to start: a bad record in the middle of a log (not a torn last
    /// record, which is always truncated) makes recovery keep a copy of the segment, truncate it
    /// at the bad record and move later segments aside. `heraldd --repair-store` sets it. Off by
    /// default: without it such corruption stops start-up with an error naming file and offset.
    public var repair: Bool

    #if DEBUG
    /// The file system the store uses (debug builds only): tests inject a
    /// ``FaultInjectingFileSystem``.
    var fileSystem: any FileSystem = PosixFileSystem()
    #endif

    /// Options with the given values; those left out keep their default (`StoreOptions()` has
    /// every default).
    public init(
        durability: Durability = .always,
        segmentSize: Int = 16 << 20,
        snapshotThreshold: Int = 64 << 20,
        maximumRecordsPerSync: Int = 4096,
        repair: Bool = false
    ) {
        self.durability = durability
        self.segmentSize = segmentSize
        self.snapshotThreshold = snapshotThreshold
        self.maximumRecordsPerSync = maximumRecordsPerSync
        self.repair = repair
    }

    /// The file system to use: the injected one in debug builds, the real one otherwise.
    var resolvedFileSystem: any FileSystem {
        #if DEBUG
        fileSystem
        #else
        PosixFileSystem()
        #endif
    }
}
