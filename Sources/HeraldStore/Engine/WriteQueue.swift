/// Writes accepted by a table and not yet applied, guarded by the table's queue lock (apart from
/// the state lock, so writers queueing never wait for the writer applying a batch).
///
/// Lock order: a transaction holds the state lock, then takes this one; nothing takes the state
/// lock while holding this one.
struct WriteQueue: ~Copyable {
    /// Set when the table is closing or failed: new writes are refused with it.
    var refusal: StoreError?
    /// Writes waiting for the writer, in sequence order.
    var pending: [PendingAppend] = []
    /// The batch the writer is writing and syncing, until it is applied.
    var inFlight: [PendingAppend] = []
    /// Whether the writer is scheduled or running.
    var writerRunning = false
    /// Waiting for the writer to go idle (close).
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// The sequence number the next write gets.
    var nextSequence: UInt64
    /// The writer should start a new segment before its next write (a snapshot began).
    var rollRequested = false

    init(nextSequence: UInt64) {
        self.nextSequence = nextSequence
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
        pending.append(
            PendingAppend(
                sequence: nextSequence,
                payload: payload,
                mutations: mutations,
                indexKeys: indexKeys,
                continuation: continuation
            )
        )
        nextSequence += 1
        guard !writerRunning else { return false }
        writerRunning = true
        return true
    }

    /// Takes the next batch for the writer: at most `maximumRecords` records and
    /// `maximumBytes` of payload (at least one record); nil when nothing is queued, in which
    /// case the writer is idle from now on.
    mutating func takeBatch(maximumRecords: Int, maximumBytes: Int) -> (appends: [PendingAppend], roll: Bool)? {
        guard !pending.isEmpty else {
            writerRunning = false
            return nil
        }
        var count = 0
        var bytes = 0
        while count < pending.count && count < maximumRecords
            && (count == 0 || bytes + pending[count].payload.count <= maximumBytes)
        {
            bytes += pending[count].payload.count
            count += 1
        }
        inFlight = Array(pending[..<count])
        pending.removeFirst(count)
        defer { rollRequested = false }
        return (inFlight, rollRequested)
    }

    /// The newest queued change of every key, for a transaction.
    var overlay: PendingOverlay {
        var overlay = PendingOverlay()
        for append in inFlight {
            overlay.add(append.mutations, indexKeys: append.indexKeys)
        }
        for append in pending {
            overlay.add(append.mutations, indexKeys: append.indexKeys)
        }
        return overlay
    }
}
