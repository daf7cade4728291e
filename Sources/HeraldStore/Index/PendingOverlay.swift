/// Writes accepted by a table but not yet applied: the newest pending value of each key they
/// touch, built from the write queue when a transaction starts. Transactions read through it, so
/// a transaction sees every write queued before it; plain reads do not (they only see
/// acknowledged writes).
struct PendingOverlay: Sendable {
    /// The newest pending change of one key.
    struct Entry: Sendable {
        /// The new value, nil for a delete.
        var value: [UInt8]?
        /// Its secondary index keys per index (empty for a delete or without indexes).
        var indexKeys: [[StoreKey]]
    }

    private(set) var entries: [StoreKey: Entry] = [:]

    /// Records the changes of a queued record.
    mutating func add(_ mutations: [Mutation], indexKeys: [[[StoreKey]]]) {
        for (position, mutation) in mutations.enumerated() {
            entries[mutation.key] = Entry(
                value: mutation.value,
                indexKeys: indexKeys.isEmpty ? [] : indexKeys[position]
            )
        }
    }
}
