/// A node of ``OrderedIndex``'s B+tree: a leaf holding sorted keys and their values, or a branch
/// holding children and the separator keys between them.
///
/// `@unchecked Sendable`: a node is mutated only through an ``OrderedIndex`` that holds the only
/// reference to it (checked with `isKnownUniquelyReferenced` on the way down); a node reachable
/// from two indexes (after a copy, e.g. for a snapshot) is copied before it changes and is never
/// mutated again, so any number of threads may read it.
final class IndexNode: @unchecked Sendable {
    /// Most entries in a leaf.
    static let leafCapacity = 64
    /// Most children of a branch.
    static let branchCapacity = 64
    /// Below this occupancy a node is merged with a neighbour when they fit in one node.
    static let mergeThreshold = 16

    /// A leaf: the keys of its entries. A branch: `children.count - 1` separators; every key under
    /// `children[i + 1]` is at least `keys[i]`, every key under `children[i]` is below it.
    var keys: KeyList
    /// A leaf's values, parallel to `keys`; empty in a branch.
    var values: [[UInt8]]
    /// A branch's children; empty in a leaf.
    var children: [IndexNode]
    /// Whether the node is a leaf.
    let isLeaf: Bool

    /// A leaf.
    init(keys: KeyList, values: [[UInt8]]) {
        self.keys = keys
        self.values = values
        self.children = []
        self.isLeaf = true
    }

    /// A branch.
    init(separators: KeyList, children: [IndexNode]) {
        self.keys = separators
        self.values = []
        self.children = children
        self.isLeaf = false
    }

    /// A node with the same contents, for copy-on-write.
    func copy() -> IndexNode {
        isLeaf ? IndexNode(keys: keys, values: values) : IndexNode(separators: keys, children: children)
    }

    /// A node split off the right of an overfull one, and the first key under it.
    struct Split {
        var separator: StoreKey
        var node: IndexNode
    }

    // MARK: Search

    /// The first position whose key is not below `key`, and whether it equals `key`.
    @inline(__always)
    func position(of key: StoreKey) -> (index: Int, found: Bool) {
        keys.position(of: key)
    }

    /// The child of a branch whose range holds `key`: the number of separators not above it.
    @inline(__always)
    func childIndex(for key: StoreKey) -> Int {
        let (index, found) = position(of: key)
        return found ? index &+ 1 : index
    }

    /// Makes `children[index]` referenced only by this node, copying it when shared.
    @inline(__always)
    private func makeChildUnique(_ index: Int) {
        if !isKnownUniquelyReferenced(&children[index]) {
            children[index] = children[index].copy()
        }
    }

    // MARK: Insertion

    /// Sets `key` to `value` in this subtree (which must be uniquely referenced).
    ///
    /// - Returns: the previous value, and a new right sibling when this node overflowed.
    func insert(_ key: StoreKey, _ value: [UInt8]) -> (old: [UInt8]?, split: Split?) {
        if isLeaf {
            let (index, found) = position(of: key)
            if found {
                let old = values[index]
                values[index] = value
                return (old, nil)
            }
            keys.insert(key.bytes, at: index)
            values.insert(value, at: index)
            guard keys.count > Self.leafCapacity else { return (nil, nil) }
            return (nil, splitLeaf(appending: index == keys.count - 1))
        }
        let index = childIndex(for: key)
        makeChildUnique(index)
        let (old, split) = children[index].insert(key, value)
        guard let split else { return (old, nil) }
        keys.insert(split.separator.bytes, at: index)
        children.insert(split.node, at: index + 1)
        guard children.count > Self.branchCapacity else { return (old, nil) }
        return (old, splitBranch(appending: index + 1 == children.count - 1))
    }

    /// Splits an overfull leaf in halves, or leaves it full when keys arrive in ascending order.
    private func splitLeaf(appending: Bool) -> Split {
        let middle = appending ? keys.count - 1 : keys.count / 2
        let right = IndexNode(keys: keys.removeSuffix(from: middle), values: Array(values[middle...]))
        values.removeSubrange(middle...)
        return Split(separator: right.keys[0], node: right)
    }

    /// Splits an overfull branch; the separator between the halves moves up.
    private func splitBranch(appending: Bool) -> Split {
        let middle = appending ? children.count - 2 : children.count / 2
        let separator = keys[middle - 1]
        let right = IndexNode(separators: keys.removeSuffix(from: middle), children: Array(children[middle...]))
        keys.remove(at: middle - 1)
        children.removeSubrange(middle...)
        return Split(separator: separator, node: right)
    }

    // MARK: Removal

    /// Removes `key` from this subtree (which must be uniquely referenced).
    ///
    /// - Returns: the removed value, nil when the key was missing.
    func remove(_ key: StoreKey) -> [UInt8]? {
        if isLeaf {
            let (index, found) = position(of: key)
            guard found else { return nil }
            keys.remove(at: index)
            return values.remove(at: index)
        }
        let index = childIndex(for: key)
        makeChildUnique(index)
        guard let old = children[index].remove(key) else { return nil }
        mergeIfSparse(index)
        return old
    }

    private var occupancy: Int {
        isLeaf ? keys.count : children.count
    }

    /// Merges `children[index]` with a neighbour when it became sparse and both fit in one node.
    private func mergeIfSparse(_ index: Int) {
        let child = children[index]
        guard child.occupancy < Self.mergeThreshold, children.count > 1 else { return }
        let left = index > 0 ? index - 1 : index
        let right = left + 1
        let (first, second) = (children[left], children[right])
        let merged: IndexNode
        if child.isLeaf {
            guard first.keys.count + second.keys.count <= Self.leafCapacity else { return }
            merged = IndexNode(keys: first.keys.appending(second.keys), values: first.values + second.values)
        } else {
            guard first.children.count + second.children.count <= Self.branchCapacity else { return }
            var separators = first.keys
            separators.append(keys[left].bytes)
            merged = IndexNode(
                separators: separators.appending(second.keys),
                children: first.children + second.children
            )
        }
        children[left] = merged
        children.remove(at: right)
        keys.remove(at: left)
    }

    // MARK: Iteration

    /// Calls `body` with each entry from the first key not below `start`, in order, until it
    /// returns false.
    ///
    /// - Returns: false when `body` stopped the iteration.
    func visit(from start: StoreKey?, _ body: (StoreKey, [UInt8]) -> Bool) -> Bool {
        if isLeaf {
            var index = start.map { position(of: $0).index } ?? 0
            while index < keys.count {
                if !body(keys[index], values[index]) { return false }
                index += 1
            }
            return true
        }
        let first = start.map { childIndex(for: $0) } ?? 0
        for index in first..<children.count where !children[index].visit(from: index == first ? start : nil, body) {
            return false
        }
        return true
    }

    /// Checks the B+tree's invariants below this node (for tests): sorted keys, separators
    /// bounding their subtrees, capacities, all leaves at the same depth.
    ///
    /// - Returns: the number of entries and the subtree's height.
    func validate(lowerBound: StoreKey?, upperBound: StoreKey?) -> (count: Int, height: Int) {
        let keys = self.keys.keys
        for (earlier, later) in zip(keys, keys.dropFirst()) {
            precondition(earlier < later, "keys out of order")
        }
        if let lowerBound, let first = keys.first { precondition(lowerBound <= first, "key below its range") }
        if let upperBound, let last = keys.last { precondition(last < upperBound, "key above its range") }
        if isLeaf {
            precondition(keys.count == values.count && keys.count <= Self.leafCapacity, "bad leaf")
            return (keys.count, 1)
        }
        precondition(children.count == keys.count + 1 && children.count <= Self.branchCapacity, "bad branch")
        var total = 0
        var height: Int?
        for (index, child) in children.enumerated() {
            let low = index == 0 ? lowerBound : keys[index - 1]
            let high = index == keys.count ? upperBound : keys[index]
            let (count, childHeight) = child.validate(lowerBound: low, upperBound: high)
            precondition(height == nil || height == childHeight, "leaves at different depths")
            height = childHeight
            total += count
        }
        return (total, (height ?? 0) + 1)
    }
}
