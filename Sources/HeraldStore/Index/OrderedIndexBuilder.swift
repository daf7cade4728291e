/// Builds an ``OrderedIndex`` from entries in ascending key order in O(n): leaves are filled
/// left to right and the branches above them built once at the end, with no search at all.
/// Loading a snapshot uses it.
struct OrderedIndexBuilder {
    /// Entries per node: 7/8 full, so later inserts do not split every node at once.
    private static let leafFill = IndexNode.leafCapacity * 7 / 8
    private static let branchFill = IndexNode.branchCapacity * 7 / 8

    private var nodes: [(first: StoreKey, node: IndexNode)] = []
    private var keys = KeyList()
    private var values: [[UInt8]] = []
    /// The last key of the leaves finished so far.
    private var previousLeafLastKey: StoreKey?
    private(set) var count = 0

    init() {}

    /// Adds an entry; keys must strictly ascend.
    mutating func append(_ key: StoreKey, _ value: [UInt8]) {
        key.bytes.withUnsafeBytes { append(key: $0, value) }
    }

    /// Adds an entry whose key is in `key`; keys must strictly ascend.
    mutating func append(key: UnsafeRawBufferPointer, _ value: consuming [UInt8]) {
        if keys.count == Self.leafFill {
            finishLeaf()
        }
        if keys.isEmpty {
            if let previousLeafLastKey {
                precondition(
                    previousLeafLastKey.bytes.withUnsafeBytes { ByteCoding.compare($0, key) } < 0,
                    "keys out of order"
                )
            }
        } else {
            precondition(keys.withLastKey { ByteCoding.compare($0, key) } < 0, "keys out of order")
        }
        keys.append(key)
        values.append(value)
        count += 1
    }

    private mutating func finishLeaf() {
        guard !keys.isEmpty else { return }
        previousLeafLastKey = keys[keys.count - 1]
        nodes.append((keys[0], IndexNode(keys: keys, values: values)))
        keys = KeyList()
        values = []
        values.reserveCapacity(Self.leafFill)
    }

    /// The index holding every entry appended.
    mutating func build() -> OrderedIndex {
        finishLeaf()
        var level = nodes
        nodes = []
        while level.count > 1 {
            var parents: [(first: StoreKey, node: IndexNode)] = []
            var start = 0
            while start < level.count {
                var end = min(level.count, start + Self.branchFill)
                // Never leave a single child for the last branch.
                if level.count - end == 1 {
                    end -= 1
                }
                let group = level[start..<end]
                var separators = KeyList()
                for child in group.dropFirst() {
                    separators.append(child.first.bytes)
                }
                parents.append((group.first!.first, IndexNode(separators: separators, children: group.map(\.node))))
                start = end
            }
            level = parents
        }
        return OrderedIndex(root: level.first?.node, count: count)
    }
}
