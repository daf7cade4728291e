/// A write waiting for the group commit that makes it durable.
struct PendingAppend: Sendable {
    /// Its record's sequence number.
    var sequence: UInt64
    /// The record's payload (an encoded `StoreBatch`).
    var payload: [UInt8]
    /// The mutations, to apply once durable.
    var mutations: [Mutation]
    /// Per mutation, its secondary index keys per index (empty without indexes).
    var indexKeys: [[[StoreKey]]]
    /// Resumed once the record is durable per the table's durability mode, or failed.
    var continuation: CheckedContinuation<Void, any Error>
}

/// A snapshot about to be written: the table's state at a sequence number, shared with the
/// live table copy-on-write.
struct SnapshotJob: Sendable {
    var index: OrderedIndex
    var sequence: UInt64
    /// Callers of ``Table/snapshot()`` waiting for this one.
    var waiters: [CheckedContinuation<Void, any Error>]
}

/// Everything about a table that changes, apart from its write queue (``WriteQueue``), guarded by
/// the table's state lock.
struct TableState: ~Copyable {
    enum Lifecycle: Equatable {
        case open
        case closing
        case closed
    }

    var lifecycle = Lifecycle.open
    /// Set once a write or sync failed (the queue refuses writes from then on).
    var failure: StoreError?

    /// The acknowledged state: every record up to ``lastCommitted``.
    var committed: OrderedIndex
    /// Secondary indexes of ``committed``.
    var secondary: SecondaryIndexes
    /// Read-only transactions that saw queued writes, waiting until those are durable.
    var barriers: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []

    /// The sequence number of the last record applied to ``committed``.
    var lastCommitted: UInt64

    /// Segments on disk, ascending; the last is the active one.
    var segments: [SegmentInfo]
    /// Sequence numbers of the snapshots on disk, ascending.
    var snapshots: [UInt64]
    /// Log bytes appended since the last snapshot began.
    var bytesSinceSnapshot = 0
    /// Whether a snapshot is being written.
    var snapshotRunning = false
    /// Callers of ``Table/snapshot()`` waiting for the next snapshot to start.
    var snapshotRequests: [CheckedContinuation<Void, any Error>] = []
    /// Waiting for the running snapshot to end (close).
    var snapshotIdleWaiters: [CheckedContinuation<Void, Never>] = []

    var statistics = TableStatistics()

    init(recovered: TableRecovery.Result, indexes: [TableIndex]) {
        committed = recovered.index
        secondary = SecondaryIndexes(indexes)
        secondary.rebuild(from: recovered.index)
        lastCommitted = recovered.lastSequence
        segments = recovered.segments
        snapshots = recovered.snapshots
        statistics.recoveredRecords = recovered.replayedRecords
    }

    /// Applies durable records to the committed state, in sequence order.
    mutating func commit(_ appends: ArraySlice<PendingAppend>) {
        for append in appends {
            for (position, mutation) in append.mutations.enumerated() {
                let old = committed.apply(mutation)
                if !secondary.isEmpty {
                    secondary.update(
                        key: mutation.key,
                        oldValue: old,
                        newKeys: mutation.value == nil ? nil : append.indexKeys[position]
                    )
                }
            }
            lastCommitted = append.sequence
        }
    }

    /// Removes and returns the barriers the committed state has reached.
    mutating func takeReachedBarriers() -> [CheckedContinuation<Void, any Error>] {
        guard !barriers.isEmpty else { return [] }
        var reached: [CheckedContinuation<Void, any Error>] = []
        barriers.removeAll { barrier in
            guard barrier.sequence <= lastCommitted else { return false }
            reached.append(barrier.continuation)
            return true
        }
        return reached
    }

    /// Starts a snapshot job of the committed state (the caller asks the writer to start a new
    /// segment).
    mutating func startSnapshot() -> SnapshotJob {
        snapshotRunning = true
        bytesSinceSnapshot = 0
        let waiters = snapshotRequests
        snapshotRequests = []
        return SnapshotJob(index: committed, sequence: lastCommitted, waiters: waiters)
    }

    /// The statistics with the live values filled in.
    var currentStatistics: TableStatistics {
        var result = statistics
        result.lastSequence = lastCommitted
        result.snapshotSequence = snapshots.last ?? 0
        return result
    }
}
