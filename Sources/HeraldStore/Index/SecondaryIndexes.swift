/// The secondary indexes of a table, in memory: per ``TableIndex``, an ``OrderedIndex`` of
/// composite keys `escaped(index key) 0x00 0x01 primary key`.
///
/// In the escaped index key every `0x00` byte becomes `0x00 0xFF`; the `0x00 0x01` terminator
/// sorts below both, so composite keys sort by index key, then by primary key, and a prefix of
/// an escaped index key selects every index key with that prefix.
struct SecondaryIndexes: Sendable {
    /// The definitions, in the order given at open.
    let definitions: [TableIndex]
    private var trees: [OrderedIndex]

    /// Empty indexes for these definitions.
    init(_ definitions: [TableIndex]) {
        self.definitions = definitions
        self.trees = Array(repeating: OrderedIndex(), count: definitions.count)
    }

    /// Whether there is no index at all.
    var isEmpty: Bool { definitions.isEmpty }

    /// Updates every index for one change of `key`.
    ///
    /// - Parameters:
    ///   - oldValue: the record's value before the change, nil when it did not exist.
    ///   - newKeys: the record's index keys after the change (`definitions.keys(key:value:)`), nil
    ///     when it was deleted.
    mutating func update(key: StoreKey, oldValue: [UInt8]?, newKeys: [[StoreKey]]?) {
        guard !definitions.isEmpty else { return }
        let oldKeys = oldValue.map { definitions.keys(key: key, value: $0) }
        for position in definitions.indices {
            let before = oldKeys?[position] ?? []
            let after = newKeys?[position] ?? []
            for indexKey in before where !after.contains(indexKey) {
                trees[position].remove(Self.composite(indexKey, key))
            }
            for indexKey in after where !before.contains(indexKey) {
                trees[position].set([], for: Self.composite(indexKey, key))
            }
        }
    }

    /// Rebuilds every index from a table's records.
    mutating func rebuild(from records: OrderedIndex) {
        guard !definitions.isEmpty else { return }
        records.visit { key, value in
            update(key: key, oldValue: nil, newKeys: definitions.keys(key: key, value: value))
            return true
        }
    }

    /// The primary keys filed under `indexKey`, ascending.
    func lookup(_ position: Int, _ indexKey: StoreKey) -> [StoreKey] {
        scan(position, prefix: indexKey, exact: true, after: nil, limit: .max).map(\.key)
    }

    /// Entries whose index key starts with `prefix` (or equals it when `exact`), after the
    /// entry `after` when given, ascending by index key then primary key.
    func scan(_ position: Int, prefix: StoreKey, exact: Bool, after: StoreIndexEntry?, limit: Int) -> [StoreIndexEntry]
    {
        var escapedPrefix = Self.escaped(prefix)
        if exact {
            escapedPrefix += Self.terminator
        }
        var begin = StoreKey(bytes: escapedPrefix)
        if let after {
            // The smallest composite key above `after`'s.
            let next = StoreKey(bytes: Self.composite(after.indexKey, after.key).bytes + [0])
            if next > begin { begin = next }
        }
        var result: [StoreIndexEntry] = []
        guard limit > 0 else { return result }
        trees[position].visit(from: begin) { composite, _ in
            guard composite.bytes.starts(with: escapedPrefix) else { return false }
            result.append(Self.split(composite))
            return result.count < limit
        }
        return result
    }

    private static let terminator: [UInt8] = [0x00, 0x01]

    static func escaped(_ key: StoreKey) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.bytes.count + 2)
        for byte in key.bytes {
            bytes.append(byte)
            if byte == 0 { bytes.append(0xFF) }
        }
        return bytes
    }

    static func composite(_ indexKey: StoreKey, _ key: StoreKey) -> StoreKey {
        StoreKey(bytes: escaped(indexKey) + terminator + key.bytes)
    }

    static func split(_ composite: StoreKey) -> StoreIndexEntry {
        var indexKey: [UInt8] = []
        var position = 0
        let bytes = composite.bytes
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0 {
                if bytes[position + 1] == 0x01 { break }
                position += 1
            }
            indexKey.append(byte)
            position += 1
        }
        return StoreIndexEntry(
            indexKey: StoreKey(bytes: indexKey),
            key: StoreKey(bytes: Array(bytes[(position + 2)...]))
        )
    }
}

extension [TableIndex] {
    /// The position of the index named `name` among a table's indexes.
    ///
    /// - Throws: ``StoreError/Code/invalidArgument`` naming `table` when it has no such index.
    func position(of name: String, table: String) throws(StoreError) -> Int {
        guard let position = firstIndex(where: { $0.name == name }) else {
            throw StoreError(.invalidArgument, "table \"\(table)\" has no index named \"\(name)\"")
        }
        return position
    }

    /// The index keys of a record, per index.
    func keys(key: StoreKey, value: [UInt8]) -> [[StoreKey]] {
        map { $0.keys(key, value) }
    }
}
