import Dispatch
import Logging
import Synchronization

/// One table of a ``Store``: an ordered map from ``StoreKey`` to bytes, kept in memory and made
/// durable by an append-only log with snapshots.
///
/// Reads (``get(_:)``, ``scan(from:prefix:limit:)``, ``lookup(_:_:)``) answer from memory and see
/// every acknowledged write. Writes (``put(_:_:)``, ``delete(_:)``, ``write(_:)``,
/// ``transaction(_:)``) return once durable per ``StoreOptions/durability``; concurrent writes
/// share one `write` and one `fdatasync` (group commit). A write whose task is cancelled still
/// completes: once queued it is either made durable or fails.
///
/// After a write or sync fails, the table refuses writes (``StoreError/Code/tableFailed``) until
/// the store is reopened, because after a failed `fdatasync` the page cache cannot be trusted.
/// Reads keep working.
///
/// Safe to use from any number of tasks at once.
public final class Table: Sendable {
    /// The table's name.
    public let name: String
    let directory: TableDirectory
    let options: StoreOptions
    let logger: Logger
    /// The secondary index definitions (those of `state.secondary`, readable without the lock).
    let indexes: [TableIndex]
    let state: Mutex<TableState>
    let queue: Mutex<WriteQueue>
    let log: LogWriter
    let writerQueue: DispatchQueue
    let snapshotQueue: DispatchQueue
    /// Keeps the data directory locked while the table is in use, even if its ``Store`` is gone.
    let directoryLock: DataDirectoryLock
    let snapshotCancelled = Atomic<Bool>(false)
    let intervalSyncScheduled = Atomic<Bool>(false)

    private init(
        name: String,
        directory: TableDirectory,
        options: StoreOptions,
        logger: Logger,
        indexes: [TableIndex],
        directoryLock: DataDirectoryLock,
        recovered: TableRecovery.Result
    ) {
        self.name = name
        self.directoryLock = directoryLock
        self.directory = directory
        self.options = options
        self.logger = logger
        self.indexes = indexes
        self.state = Mutex(TableState(recovered: recovered, indexes: indexes))
        self.queue = Mutex(WriteQueue(nextSequence: recovered.lastSequence + 1))
        self.log = LogWriter(
            directory: directory,
            segmentSize: options.segmentSize,
            file: recovered.activeSegment,
            size: recovered.activeSegmentSize
        )
        self.writerQueue = DispatchQueue(label: "herald.store.\(name).writer")
        self.snapshotQueue = DispatchQueue(label: "herald.store.\(name).snapshot")
    }

    /// Opens the table in `path` (created when missing) and recovers its state on a thread of
    /// its own.
    static func open(
        name: String,
        path: String,
        indexes: [TableIndex],
        options: StoreOptions,
        directoryLock: DataDirectoryLock,
        logger: Logger
    ) async throws -> Table {
        var logger = logger
        logger[metadataKey: "store.table"] = "\(name)"
        let directory = TableDirectory(path: path, fileSystem: options.resolvedFileSystem)
        let recoveryLogger = logger
        // Recovery blocks on file I/O: it runs on a queue of its own, never on the global queues,
        // which on Linux are the same threads Swift concurrency runs every task on.
        let recovery = DispatchQueue(label: "herald.store.\(name).recovery")
        let recovered: TableRecovery.Result = try await withCheckedThrowingContinuation { continuation in
            recovery.async {
                continuation.resume(
                    with: Result { () throws(StoreError) in
                        do throws(FileSystemError) {
                            if try directory.fileSystem.makeDirectory(path) {
                                try directory.fileSystem.syncDirectory(parentDirectory(of: path))
                            }
                        } catch {
                            throw StoreError.io("creating the directory of table \"\(name)\" failed", error)
                        }
                        return try TableRecovery(
                            table: name,
                            directory: directory,
                            repair: options.repair,
                            logger: recoveryLogger
                        ).run()
                    }
                )
            }
        }
        logger.info(
            "Opened table",
            metadata: [
                "store.entries": "\(recovered.index.count)", "store.lastSequence": "\(recovered.lastSequence)",
                "store.replayedRecords": "\(recovered.replayedRecords)",
            ]
        )
        return Table(
            name: name,
            directory: directory,
            options: options,
            logger: logger,
            indexes: indexes,
            directoryLock: directoryLock,
            recovered: recovered
        )
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: Reading

    /// The value of `key`, nil when the table has no such key.
    public func get(_ key: StoreKey) -> [UInt8]? {
        state.withLock { $0.committed.value(for: key) }
    }

    /// Whether the table has `key`.
    public func contains(_ key: StoreKey) -> Bool {
        get(key) != nil
    }

    /// The number of keys in the table.
    public var count: Int {
        state.withLock { $0.committed.count }
    }

    /// Reads entries in key order.
    ///
    /// Reads a consistent state (the scan sees each write entirely or not at all) without
    /// blocking writers: it works on a copy-on-write copy of the table.
    ///
    /// - Parameters:
    ///   - start: the first key to return (or the first key after it); nil starts at the
    ///     beginning (of `prefix`).
    ///   - prefix: only keys starting with these bytes.
    ///   - limit: the most entries to return.
    /// - Returns: the entries and, when more follow, the key to pass as `start` for the next page.
    public func scan(from start: StoreKey? = nil, prefix: StoreKey? = nil, limit: Int = .max) -> StoreScanPage {
        let index = state.withLock { $0.committed }
        let entries = index.entries(
            from: Self.scanStart(start, prefix),
            before: prefix?.prefixUpperBound,
            limit: Self.limitPlusOne(limit)
        )
        return Self.page(entries, prefix, limit)
    }

    /// Every entry whose key starts with `prefix`, in key order.
    public func entries(withPrefix prefix: StoreKey) -> [StoreEntry] {
        scan(prefix: prefix).entries
    }

    /// The primary keys of the records the secondary index `index` files under `indexKey`.
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` when the table has no index of that name.
    public func lookup(_ index: String, _ indexKey: StoreKey) throws(StoreError) -> [StoreKey] {
        let position = try indexes.position(of: index, table: name)
        return state.withLock { $0.secondary.lookup(position, indexKey) }
    }

    /// Entries of the secondary index `index` whose index key starts with `prefix`, ordered by
    /// index key then primary key.
    ///
    /// - Parameters:
    ///   - after: continue after this entry (the last one of the previous page).
    ///   - limit: the most entries to return.
    /// - Throws: ``StoreError/Code/invalidArgument`` when the table has no index of that name.
    public func scanIndex(
        _ index: String,
        prefix: StoreKey = StoreKey(bytes: []),
        after: StoreIndexEntry? = nil,
        limit: Int = .max
    ) throws(StoreError) -> [StoreIndexEntry] {
        let position = try indexes.position(of: index, table: name)
        let secondary = state.withLock { $0.secondary }
        return secondary.scan(position, prefix: prefix, exact: false, after: after, limit: limit)
    }

    /// Why the table refuses writes, once a write or sync has failed (nil while healthy).
    public var failure: StoreError? {
        state.withLock { $0.failure }
    }

    /// Counters since open: sequence, appends, group commits, syncs, snapshots, replayed records.
    public var statistics: TableStatistics {
        state.withLock { $0.currentStatistics }
    }

    static func scanStart(_ start: StoreKey?, _ prefix: StoreKey?) -> StoreKey? {
        guard let prefix, !prefix.bytes.isEmpty else { return start }
        guard let start else { return prefix }
        return max(start, prefix)
    }

    /// Cuts entries read with one extra to a page of `limit`.
    static func page(_ entries: [StoreEntry], _ prefix: StoreKey?, _ limit: Int) -> StoreScanPage {
        var entries = entries
        if let prefix, let cut = entries.firstIndex(where: { !$0.key.hasPrefix(prefix) }) {
            entries.removeSubrange(cut...)
        }
        guard entries.count > limit else { return StoreScanPage(entries: entries, nextKey: nil) }
        let next = entries[limit].key
        entries.removeSubrange(limit...)
        return StoreScanPage(entries: entries, nextKey: next)
    }

    /// The number of entries to read for a page of `limit`: one more, to tell whether more follow.
    static func limitPlusOne(_ limit: Int) -> Int {
        limit == .max ? .max : max(0, limit) + 1
    }

    // MARK: Writing

    /// Sets `key` to `value`; returns once durable.
    ///
    /// - Throws: ``StoreError`` when the key or value is invalid, the write failed, the table
    ///   failed earlier or is closed.
    public func put(_ key: StoreKey, _ value: [UInt8]) async throws(StoreError) {
        var batch = StoreWriteBatch()
        batch.put(key, value)
        try await write(batch)
    }

    /// Removes `key` (nothing happens if it is missing); returns once durable.
    public func delete(_ key: StoreKey) async throws(StoreError) {
        var batch = StoreWriteBatch()
        batch.delete(key)
        try await write(batch)
    }

    /// Applies a batch atomically (one log record); returns once durable.
    ///
    /// An empty batch returns at once.
    public func write(_ batch: StoreWriteBatch) async throws(StoreError) {
        guard !batch.isEmpty else { return }
        let payload = try validatedPayload(batch.mutations)
        let indexKeys = indexKeys(of: batch.mutations)
        try await suspend { continuation in
            let outcome = queue.withLock { queue -> Result<Bool, StoreError> in
                if let refusal = queue.refusal {
                    return .failure(refusal)
                }
                let start = queue.enqueue(
                    payload: payload,
                    mutations: batch.mutations,
                    indexKeys: indexKeys,
                    continuation: continuation
                )
                return .success(start)
            }
            switch outcome {
            case .failure(let error):
                continuation.resume(throwing: error)
            case .success(let start):
                if start { startWriter() }
            }
        }
    }

    /// Suspends until `register`'s continuation is resumed (only ever with a ``StoreError``).
    func suspend(_ register: (CheckedContinuation<Void, any Error>) -> Void) async throws(StoreError) {
        do {
            try await withCheckedThrowingContinuation(register)
        } catch let error as StoreError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// The encoded payload of a record holding `mutations`.
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` for an empty or too long key or a record
    ///   over the size limit.
    func validatedPayload(_ mutations: [Mutation]) throws(StoreError) -> [UInt8] {
        for mutation in mutations {
            guard !mutation.key.bytes.isEmpty, mutation.key.bytes.count <= StoreKey.maximumLength else {
                throw StoreError(
                    .invalidArgument,
                    "keys must have 1 to \(StoreKey.maximumLength) bytes, not \(mutation.key.bytes.count)"
                )
            }
        }
        let payload = BatchCodec.encodeBatch(mutations)
        guard payload.count <= RecordFrame.maximumPayloadSize else {
            throw StoreError(
                .invalidArgument,
                "a write may hold at most \(RecordFrame.maximumPayloadSize) bytes, not \(payload.count)"
            )
        }
        return payload
    }

    /// Per mutation, its secondary index keys per index.
    func indexKeys(of mutations: [Mutation]) -> [[[StoreKey]]] {
        guard !indexes.isEmpty else { return [] }
        return mutations.map { mutation in
            guard let value = mutation.value else { return [] }
            return indexes.keys(key: mutation.key, value: value)
        }
    }
}
