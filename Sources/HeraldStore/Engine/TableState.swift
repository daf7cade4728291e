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

/// Everything about a table that changes, guarded by the table's mutex.
struct TableState: ~Copyable {
    enum Lifecycle: Equatable {
        case open
        case closing
        case closed
    }

    var lifecycle = Lifecycle.open
    /// Set once a write or sync failed; writes are refused from then on.
    var failure: StoreError?

    /// The acknowledged state: every record up to ``lastCommitted``.
    var committed: OrderedIndex
    /// Secondary indexes of ``committed``.
    var secondary: SecondaryIndexes
    /// Writes queued and not yet durable, for transactions.
    var overlay = PendingOverlay()
    /// Writes waiting for the writer.
    var queue: [PendingAppend] = []
    /// Whether the writer is scheduled or running.
    var writerRunning = false
    /// Waiting for the writer to go idle (close).
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Read-only transactions that saw queued writes, waiting until those are durable.
    var barriers: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []

    /// The sequence number the next write gets.
    var nextSequence: UInt64
    /// The sequence number of the last record applied to ``committed``.
    var lastCommitted: UInt64
    /// The writer should start a new segment before its next write (a snapshot began).
    var rollRequested = false

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
        nextSequence = recovered.lastSequence + 1
        lastCommitted = recovered.lastSequence
        segments = recovered.segments
        snapshots = recovered.snapshots
        statistics.recoveredRecords = recovered.replayedRecords
        statistics.snapshotSequence = recovered.snapshots.last ?? 0
    }

    /// Why a write is refused now, nil when it is accepted.
    func writeRefusal(table: String) -> StoreError? {
        if lifecycle != .open {
            return StoreError(.closed, "table \"\(table)\" is closed")
        }
        if let failure {
            return StoreError(
                .tableFailed,
                "table \"\(table)\" refuses writes since an earlier write failed; reopen the store",
                path: failure.path,
                cause: failure
            )
        }
        return nil
    }

    /// Queues a write under a new sequence number.
    ///
    /// - Returns: whether the writer has to be started.
    mutating func enqueue(
        payload: [UInt8],
        mutations: [Mutation],
        indexKeys: [[[StoreKey]]],
        continuation: CheckedContinuation<Void, any Error>
    ) -> Bool {
        let sequence = nextSequence
        nextSequence += 1
        overlay.add(mutations, indexKeys: indexKeys, sequence: sequence)
        queue.append(
            PendingAppend(
                sequence: sequence,
                payload: payload,
                mutations: mutations,
                indexKeys: indexKeys,
                continuation: continuation
            )
        )
        guard !writerRunning else { return false }
        writerRunning = true
        return true
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
            overlay.remove(append.mutations, sequence: append.sequence)
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

    /// Starts a snapshot job of the committed state.
    mutating func startSnapshot() -> SnapshotJob {
        snapshotRunning = true
        bytesSinceSnapshot = 0
        rollRequested = true
        let waiters = snapshotRequests
        snapshotRequests = []
        return SnapshotJob(index: committed, sequence: lastCommitted, waiters: waiters)
    }

    /// The statistics with the live values filled in.
    var currentStatistics: TableStatistics {
        var result = statistics
        result.entryCount = committed.count
        result.lastSequence = lastCommitted
        result.segmentCount = segments.count
        result.logBytes = segments.reduce(0) { $0 + $1.size }
        return result
    }
}
