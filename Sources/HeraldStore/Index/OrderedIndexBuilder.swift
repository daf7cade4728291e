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
    private var firstKey: StoreKey?
    private var lastKey: StoreKey?
    private(set) var count = 0

    init() {}

    /// Adds an entry; keys must strictly ascend.
    mutating func append(_ key: StoreKey, _ value: [UInt8]) {
        if let lastKey {
            precondition(lastKey < key, "keys out of order")
        }
        if keys.count == Self.leafFill {
            finishLeaf()
        }
        if keys.isEmpty {
            firstKey = key
        }
        keys.append(key.bytes)
        values.append(value)
        lastKey = key
        count += 1
    }

    private mutating func finishLeaf() {
        guard let firstKey, !keys.isEmpty else { return }
        nodes.append((firstKey, IndexNode(keys: keys, values: values)))
        keys = KeyList()
        values = []
        values.reserveCapacity(Self.leafFill)
        self.firstKey = nil
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
