import Dispatch
import Logging
import Synchronization

/// The group-commit writer: one `pwrite` and one `fdatasync` for every write queued while the
/// previous batch was being synced.
extension Table {
    /// The most bytes of records one group commit writes.
    static let maximumBytesPerCommit = 8 << 20

    /// Schedules the writer on its queue (called by whoever set `writerRunning`).
    func startWriter() {
        writerQueue.async { self.drain() }
    }

    /// Writes queued records until the queue is empty. Runs on the writer queue.
    private func drain() {
        while true {
            let (taken, idle) = queue.withLock {
                queue -> ((appends: [PendingAppend], roll: Bool)?, [CheckedContinuation<Void, Never>]) in
                let batch = queue.takeBatch(
                    maximumRecords: options.maximumRecordsPerSync,
                    maximumBytes: Self.maximumBytesPerCommit
                )
                guard batch == nil else { return (batch, []) }
                defer { queue.idleWaiters = [] }
                return (nil, queue.idleWaiters)
            }
            guard let taken else {
                for waiter in idle { waiter.resume() }
                return
            }
            guard commit(taken.appends, forceRoll: taken.roll) else {
                return
            }
        }
    }

    /// Writes, syncs and applies one group of records, then resumes their writers.
    ///
    /// - Returns: false when writing failed (the table failed; the writer stops).
    private func commit(_ appends: [PendingAppend], forceRoll: Bool) -> Bool {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(appends.reduce(0) { $0 + RecordFrame.headerSize + $1.payload.count })
        for append in appends {
            RecordFrame.append(sequence: append.sequence, payload: append.payload, to: &buffer)
        }
        var newSegment: SegmentInfo?
        var synced = false
        do throws(FileSystemError) {
            newSegment = try log.rollIfNeeded(nextSequence: appends[0].sequence, force: forceRoll)
            try log.append(buffer)
            switch options.durability.kind {
            case .always:
                try log.sync()
                synced = true
            case .interval(let milliseconds):
                scheduleIntervalSync(after: milliseconds)
            case .none:
                break
            }
        } catch {
            if let newSegment {
                state.withLock { $0.segments.append(newSegment) }
            }
            fail(appends, error)
            return false
        }

        let (barriers, job) = state.withLock { state -> ([CheckedContinuation<Void, any Error>], SnapshotJob?) in
            if let newSegment {
                state.segments.append(newSegment)
            }
            state.commit(appends[...])
            state.statistics.appendedRecords += UInt64(appends.count)
            state.statistics.groupCommits += 1
            if synced {
                state.statistics.syncs += 1
            }
            state.bytesSinceSnapshot += buffer.count
            var job: SnapshotJob?
            if state.bytesSinceSnapshot >= options.snapshotThreshold && !state.snapshotRunning
                && state.lifecycle == .open
            {
                job = startSnapshot(&state)
            }
            return (state.takeReachedBarriers(), job)
        }
        queue.withLock { $0.inFlight = [] }
        for append in appends {
            append.continuation.resume()
        }
        for barrier in barriers {
            barrier.resume()
        }
        if let job {
            runSnapshot(job)
        }
        return true
    }

    /// Syncs the log `milliseconds` from now, unless a sync is already scheduled.
    private func scheduleIntervalSync(after milliseconds: Int) {
        guard !intervalSyncScheduled.exchange(true, ordering: .relaxed) else { return }
        writerQueue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
            self.intervalSyncScheduled.store(false, ordering: .relaxed)
            guard !self.log.isClosed, self.log.isDirty, self.state.withLock({ $0.failure == nil }) else { return }
            do throws(FileSystemError) {
                try self.log.sync()
            } catch {
                self.fail([], error)
                return
            }
            self.state.withLock { $0.statistics.syncs += 1 }
        }
    }

    /// A write or sync failed: fails the affected writes and every queued one, and makes the
    /// table refuse writes from now on.
    private func fail(_ appends: [PendingAppend], _ error: FileSystemError) {
        let failure = StoreError.io(
            "writing to table \"\(name)\" failed; the write is not acknowledged and the table refuses "
                + "further writes until the store is reopened",
            error
        )
        let refusal = StoreError(
            .tableFailed,
            "table \"\(name)\" refuses writes since an earlier write failed; reopen the store",
            path: failure.path,
            cause: failure
        )
        let barriers = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.failure = failure
            defer { state.barriers = [] }
            return state.barriers.map(\.continuation)
        }
        let (queued, idle) = queue.withLock { queue -> ([PendingAppend], [CheckedContinuation<Void, Never>]) in
            queue.refusal = refusal
            let queued = queue.pending
            queue.pending = []
            queue.inFlight = []
            queue.writerRunning = false
            defer { queue.idleWaiters = [] }
            return (queued, queue.idleWaiters)
        }
        logger.warning(
            "A log write failed; the table refuses writes until reopened",
            metadata: ["store.error": "\(error)", "store.failedWrites": "\(appends.count + queued.count)"]
        )
        for append in appends {
            append.continuation.resume(throwing: failure)
        }
        for append in queued {
            append.continuation.resume(throwing: refusal)
        }
        for barrier in barriers {
            barrier.resume(throwing: refusal)
        }
        for waiter in idle {
            waiter.resume()
        }
    }
}
