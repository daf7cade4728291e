/// A sorted map from ``StoreKey`` to bytes with value semantics: a B+tree of ``IndexNode``s
/// shared between copies.
///
/// Copying an index is O(1) (one retain of the root); the first change to a copy copies only the
/// nodes on the path to the changed key (O(log n) nodes), all others stay shared. A table's
/// snapshot takes such a copy under its lock and writes it out while writers keep changing the
/// original. Lookups and changes take O(log n).
struct OrderedIndex: Sendable {
    private var root: IndexNode?
    /// The number of keys.
    private(set) var count = 0

    /// An empty index.
    init() {}

    /// An index with this tree (from ``OrderedIndexBuilder``).
    init(root: IndexNode?, count: Int) {
        self.root = root
        self.count = count
    }

    /// Whether the index holds no key.
    var isEmpty: Bool { count == 0 }

    /// The value of `key`, nil when missing.
    func value(for key: StoreKey) -> [UInt8]? {
        var node = root
        while let current = node {
            if current.isLeaf {
                let (index, found) = current.position(of: key)
                return found ? current.values[index] : nil
            }
            node = current.children[current.childIndex(for: key)]
        }
        return nil
    }

    /// Sets `key` to `value`.
    ///
    /// - Returns: the previous value, nil when the key is new.
    @discardableResult
    mutating func set(_ value: [UInt8], for key: StoreKey) -> [UInt8]? {
        guard root != nil else {
            root = IndexNode(keys: KeyList([key]), values: [value])
            count = 1
            return nil
        }
        if !isKnownUniquelyReferenced(&root!) {
            root = root!.copy()
        }
        let (old, split) = root!.insert(key, value)
        if let split {
            root = IndexNode(separators: KeyList([split.separator]), children: [root!, split.node])
        }
        if old == nil {
            count += 1
        }
        return old
    }

    /// Removes `key`.
    ///
    /// - Returns: the removed value, nil when the key was missing.
    @discardableResult
    mutating func remove(_ key: StoreKey) -> [UInt8]? {
        // Look first, so removing a missing key copies no shared node.
        guard value(for: key) != nil else { return nil }
        if !isKnownUniquelyReferenced(&root!) {
            root = root!.copy()
        }
        let old = root!.remove(key)
        count -= 1
        if root!.isLeaf && root!.keys.isEmpty {
            root = nil
        } else if !root!.isLeaf && root!.children.count == 1 {
            root = root!.children[0]
        }
        return old
    }

    /// Applies a put (value set) or a delete (value nil).
    ///
    /// - Returns: the previous value of the key.
    @discardableResult
    mutating func apply(_ mutation: Mutation) -> [UInt8]? {
        if let value = mutation.value {
            return set(value, for: mutation.key)
        }
        return remove(mutation.key)
    }

    /// Calls `body` with each entry whose key is not below `start` (every entry when nil), in key
    /// order, until it returns false.
    func visit(from start: StoreKey? = nil, _ body: (StoreKey, [UInt8]) -> Bool) {
        _ = root?.visit(from: start, body)
    }

    /// Up to `limit` entries from `start`, in order, stopping before `end` (exclusive) when
    /// given: a prefix scan reads only its own range, not the rest of the table.
    func entries(from start: StoreKey? = nil, before end: StoreKey? = nil, limit: Int = .max) -> [StoreEntry] {
        var result: [StoreEntry] = []
        guard limit > 0 else { return result }
        visit(from: start) { key, value in
            if let end, key >= end { return false }
            result.append(StoreEntry(key: key, value: value))
            return result.count < limit
        }
        return result
    }

    /// Checks the tree's invariants (for tests); stops the process when one is broken.
    func validate() {
        let (total, _) = root?.validate(lowerBound: nil, upperBound: nil) ?? (0, 0)
        precondition(total == count, "count \(count) but \(total) entries")
    }
}
