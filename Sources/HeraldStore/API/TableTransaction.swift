import Synchronization

/// A consistent view of a table inside ``Table/transaction(_:)``, and the writes the
/// transaction makes.
///
/// It sees every write queued before it (acknowledged or not yet durable) and its own writes, so
/// checks made here (a version, a unique phone number, a quota) hold for the writes it queues.
public struct TableTransaction {
    private let committed: OrderedIndex
    private let pending: PendingOverlay
    private let secondary: SecondaryIndexes
    private let tableName: String
    /// The writes, in order.
    private(set) var writes: [Mutation] = []
    /// Per write, its secondary index keys per index (empty without indexes).
    private(set) var writeIndexKeys: [[[StoreKey]]] = []
    /// The transaction's newest change per key.
    private var local: [StoreKey: (value: [UInt8]?, indexKeys: [[StoreKey]])] = [:]
    /// Whether a read saw a write that is not durable yet.
    private(set) var sawPendingWrite = false

    init(committed: OrderedIndex, pending: PendingOverlay, secondary: SecondaryIndexes, tableName: String) {
        self.committed = committed
        self.pending = pending
        self.secondary = secondary
        self.tableName = tableName
    }

    /// The value of `key`, as the transaction sees it.
    public mutating func get(_ key: StoreKey) -> [UInt8]? {
        if let change = local[key] {
            return change.value
        }
        if let entry = pending.entries[key] {
            sawPendingWrite = true
            return entry.value
        }
        return committed.value(for: key)
    }

    /// Whether `key` exists, as the transaction sees it.
    public mutating func contains(_ key: StoreKey) -> Bool {
        get(key) != nil
    }

    /// Reads entries in key order, as the transaction sees them; see
    /// ``Table/scan(from:prefix:limit:)``.
    public mutating func scan(from start: StoreKey? = nil, prefix: StoreKey? = nil, limit: Int = .max) -> StoreScanPage
    {
        let begin = Table.scanStart(start, prefix)
        let end = prefix?.prefixUpperBound
        func inRange(_ key: StoreKey) -> Bool {
            (begin.map { key >= $0 } ?? true) && (end.map { key < $0 } ?? true)
        }
        var changes: [StoreKey: [UInt8]?] = [:]
        for (key, entry) in pending.entries where inRange(key) {
            changes[key] = .some(entry.value)
            sawPendingWrite = true
        }
        for (key, change) in local where inRange(key) {
            changes[key] = .some(change.value)
        }
        let changedKeys = changes.keys.sorted()
        let wanted = Table.limitPlusOne(limit)
        var entries: [StoreEntry] = []
        var next = 0
        func emitChanges(below key: StoreKey?) {
            while next < changedKeys.count && entries.count < wanted && (key.map { changedKeys[next] < $0 } ?? true) {
                if let value = changes[changedKeys[next]]! {
                    entries.append(StoreEntry(key: changedKeys[next], value: value))
                }
                next += 1
            }
        }
        committed.visit(from: begin) { key, value in
            if let end, key >= end { return false }
            emitChanges(below: key)
            guard entries.count < wanted else { return false }
            if next < changedKeys.count && changedKeys[next] == key {
                if let changed = changes[key]! {
                    entries.append(StoreEntry(key: key, value: changed))
                }
                next += 1
            } else {
                entries.append(StoreEntry(key: key, value: value))
            }
            return entries.count < wanted
        }
        emitChanges(below: nil)
        return Table.page(entries, nil, limit)
    }

    /// The primary keys the secondary index `index` files under `indexKey`, as the transaction
    /// sees them (including writes not yet durable and its own).
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` when the table has no index of that name.
    public mutating func lookup(_ index: String, _ indexKey: StoreKey) throws(StoreError) -> [StoreKey] {
        let position = try secondary.definitions.position(of: index, table: tableName)
        var found = Set(
            secondary.lookup(position, indexKey).filter { local[$0] == nil && pending.entries[$0] == nil }
        )
        for (key, entry) in pending.entries where local[key] == nil {
            sawPendingWrite = true
            if entry.value != nil && entry.indexKeys[position].contains(indexKey) {
                found.insert(key)
            }
        }
        for (key, change) in local where change.value != nil && change.indexKeys[position].contains(indexKey) {
            found.insert(key)
        }
        return found.sorted()
    }

    /// Sets `key` to `value` when the transaction commits.
    public mutating func put(_ key: StoreKey, _ value: [UInt8]) {
        let indexKeys = secondary.isEmpty ? [] : secondary.definitions.keys(key: key, value: value)
        writes.append(Mutation(key: key, value: value))
        if !secondary.isEmpty {
            writeIndexKeys.append(indexKeys)
        }
        local[key] = (value, indexKeys)
    }

    /// Removes `key` when the transaction commits.
    public mutating func delete(_ key: StoreKey) {
        writes.append(Mutation(key: key, value: nil))
        if !secondary.isEmpty {
            writeIndexKeys.append([])
        }
        local[key] = (nil, [])
    }
}

extension Table {
    /// Runs `body` atomically against the table and writes what it queued as one record.
    ///
    /// `body` runs under the table's lock, so nothing else reads or writes the table meanwhile:
    /// what it reads (through the ``TableTransaction``) cannot change before its writes are
    /// queued. It sees every earlier write, including those not yet durable; if one of those
    /// fails, the table fails and this transaction's writes fail too. Returns once the writes are
    /// durable (a transaction that only read waits until the writes it saw are durable).
    ///
    /// > Warning: `body` blocks the table while it runs: keep it short, no I/O, no waiting.
    ///
    /// - Parameter body: reads and queues writes; throwing discards the writes and rethrows.
    /// - Returns: what `body` returned.
    /// - Throws: what `body` threw, or ``StoreError`` when the writes are invalid or failed.
    public func transaction<Value: Sendable>(_ body: (inout TableTransaction) throws -> Value) async throws -> Value {
        var value: Value?
        var bodyError: (any Error)?
        try await suspend { continuation in
            // The state lock keeps the committed state still; the queue lock keeps other writes
            // out until this one is queued.
            let outcome = state.withLock { state -> Result<Bool, StoreError>? in
                queue.withLock { queue -> Result<Bool, StoreError>? in
                    if let refusal = queue.refusal {
                        return .failure(refusal)
                    }
                    var transaction = TableTransaction(
                        committed: state.committed,
                        pending: queue.overlay,
                        secondary: state.secondary,
                        tableName: name
                    )
                    do {
                        value = try body(&transaction)
                    } catch {
                        bodyError = error
                        return nil
                    }
                    let writes = transaction.writes
                    let writeIndexKeys = transaction.writeIndexKeys
                    let sawPendingWrite = transaction.sawPendingWrite
                    // Let go of the shared state before changing it, so nothing is copied.
                    _ = consume transaction
                    guard !writes.isEmpty else {
                        guard sawPendingWrite, state.lastCommitted < queue.nextSequence - 1 else {
                            return .success(false)
                        }
                        state.barriers.append((queue.nextSequence - 1, continuation))
                        return .success(true)
                    }
                    let payload: [UInt8]
                    do throws(StoreError) {
                        payload = try validatedPayload(writes)
                    } catch {
                        return .failure(error)
                    }
                    let start = queue.enqueue(
                        payload: payload,
                        mutations: writes,
                        indexKeys: writeIndexKeys,
                        continuation: continuation
                    )
                    if start {
                        startWriter()
                    }
                    return .success(true)
                }
            }
            switch outcome {
            case nil, .success(false):
                continuation.resume()
            case .failure(let error):
                continuation.resume(throwing: error)
            case .success(true):
                break
            }
        }
        if let bodyError {
            throw bodyError
        }
        return value!
    }
}
