import Dispatch
import Logging
import Synchronization

/// Snapshots: the committed state, copied copy-on-write under the lock, written out on the
/// snapshot queue while writers go on; then files the snapshot makes unnecessary are removed.
extension Table {
    /// Writes a snapshot of the table now and returns once it is durable (it waits for a
    /// snapshot already being written, then writes another).
    ///
    /// Snapshots are written automatically past ``StoreOptions/snapshotThreshold``; this is for
    /// tests and operations (e.g. before a backup).
    ///
    /// - Throws: ``StoreError`` when writing the snapshot failed or the table is closed.
    public func snapshot() async throws(StoreError) {
        try await suspend { continuation in
            let outcome = state.withLock { state -> Result<SnapshotJob?, StoreError> in
                guard state.lifecycle == .open else {
                    return .failure(StoreError(.closed, "table \"\(name)\" is closed"))
                }
                state.snapshotRequests.append(continuation)
                return .success(state.snapshotRunning ? nil : startSnapshot(&state))
            }
            switch outcome {
            case .failure(let error):
                continuation.resume(throwing: error)
            case .success(let job):
                if let job { runSnapshot(job) }
            }
        }
    }

    /// Whether a snapshot is being written now.
    var isWritingSnapshot: Bool {
        state.withLock { $0.snapshotRunning }
    }

    /// Starts a snapshot job under the state lock and asks the writer for a new segment.
    func startSnapshot(_ state: inout TableState) -> SnapshotJob {
        queue.withLock { $0.rollRequested = true }
        return state.startSnapshot()
    }

    /// Writes `job` on the snapshot queue.
    func runSnapshot(_ job: SnapshotJob) {
        snapshotQueue.async { self.writeSnapshot(job) }
    }

    private func writeSnapshot(_ job: SnapshotJob) {
        var outcome: Result<Void, StoreError> = .success(())
        let alreadyCovered = state.withLock { $0.snapshots.last.map { $0 >= job.sequence } ?? (job.sequence == 0) }
        if !alreadyCovered {
            outcome = writeAndRetire(job)
        }
        let (next, idle) = state.withLock { state -> (SnapshotJob?, [CheckedContinuation<Void, Never>]) in
            state.snapshotRunning = false
            if case .failure = outcome {
                state.statistics.snapshotFailures += 1
                // Retry after half the threshold more, not on every commit.
                state.bytesSinceSnapshot = options.snapshotThreshold / 2
            }
            let idle = state.snapshotIdleWaiters
            state.snapshotIdleWaiters = []
            let next = !state.snapshotRequests.isEmpty && state.lifecycle == .open ? startSnapshot(&state) : nil
            return (next, idle)
        }
        for waiter in job.waiters {
            waiter.resume(with: outcome)
        }
        for waiter in idle {
            waiter.resume()
        }
        if let next {
            runSnapshot(next)
        }
    }

    private func writeAndRetire(_ job: SnapshotJob) -> Result<Void, StoreError> {
        let start = DispatchTime.now().uptimeNanoseconds
        let name: String
        do {
            name = try SnapshotFile.write(
                job.index,
                table: self.name,
                lastSequence: job.sequence,
                in: directory,
                isCancelled: { snapshotCancelled.load(ordering: .relaxed) }
            )
        } catch {
            logger.warning(
                "Writing a snapshot failed; the log keeps every record",
                metadata: ["store.sequence": "\(job.sequence)", "store.error": "\(error)"]
            )
            if case .io(let ioError) = error {
                return .failure(StoreError.io("writing a snapshot of table \"\(self.name)\" failed", ioError))
            }
            return .failure(StoreError(.ioError, "writing a snapshot of table \"\(self.name)\" failed: \(error)"))
        }
        let plan = state.withLock { state -> RetentionPlan in
            state.snapshots.append(job.sequence)
            let plan = RetentionPlan(snapshots: state.snapshots, segments: state.segments)
            state.snapshots = plan.keptSnapshots
            state.segments = plan.keptSegments
            state.statistics.snapshotsWritten += 1
            return plan
        }
        let removals =
            plan.obsoleteSnapshots.map { TableDirectory.snapshotName($0) } + plan.obsoleteSegments.map(\.name)
        for file in removals {
            do {
                try directory.fileSystem.removeFile(directory.file(file))
            } catch {
                // Left-over files are removed at the next open; nothing depends on them.
                logger.info("Could not remove a file covered by a snapshot", metadata: ["store.error": "\(error)"])
            }
        }
        logger.info(
            "Wrote a snapshot",
            metadata: [
                "store.file": "\(directory.file(name))", "store.entries": "\(job.index.count)",
                "store.sequence": "\(job.sequence)", "store.removedFiles": "\(removals.count)",
                "store.milliseconds": "\((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)",
            ]
        )
        return .success(())
    }

    // MARK: Closing

    /// Stops taking writes, waits for queued ones and a running snapshot, syncs and closes the
    /// log. Reads keep answering from memory afterwards.
    func close() async throws(StoreError) {
        let proceed = state.withLock { state -> Bool in
            guard state.lifecycle == .open else { return false }
            state.lifecycle = .closing
            return true
        }
        guard proceed else { return }
        let closed = StoreError(.closed, "table \"\(name)\" is closed")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = queue.withLock { queue -> Bool in
                queue.refusal = queue.refusal ?? closed
                guard queue.writerRunning else { return true }
                queue.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
        snapshotCancelled.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                guard state.snapshotRunning else { return true }
                state.snapshotIdleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
        let failed = state.withLock { $0.failure != nil }
        let result: Result<Void, FileSystemError> = await withCheckedContinuation { continuation in
            writerQueue.async {
                continuation.resume(
                    returning: Result { () throws(FileSystemError) in try self.log.close(sync: !failed) }
                )
            }
        }
        let (barriers, requests) = state.withLock { state in
            state.lifecycle = .closed
            let barriers = state.barriers.map(\.continuation)
            state.barriers = []
            let requests = state.snapshotRequests
            state.snapshotRequests = []
            return (barriers, requests)
        }
        for waiter in barriers + requests {
            waiter.resume(throwing: closed)
        }
        if case .failure(let error) = result {
            throw StoreError.io("closing table \"\(name)\" failed", error)
        }
        logger.info("Closed table")
    }
}
