/// The net effect of the log records replayed at recovery, applied to the snapshot's index in one
/// pass.
///
/// Inserting a million keys one by one in log order (random key order) costs a B+tree search
/// missing the cache at every level for each. Recovery instead collects the mutations (keys
/// packed in one byte array), sorts them by key once, keeps each key's last mutation, and builds
/// the tree bottom-up by merging them with the snapshot's entries (``OrderedIndexBuilder``). When
/// the log holds few changes compared with the snapshot, plain inserts are cheaper than a
/// rebuild, and are used.
struct ReplayedChanges {
    /// The keys of all mutations, back to back; key `i` is `keyBytes[keyStarts[i] ..< keyStarts[i + 1]]`.
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    /// The value of each mutation, nil for a delete.
    private var values: [[UInt8]?] = []

    /// No changes.
    init() {}

    /// The number of mutations recorded.
    var count: Int { values.count }

    /// Records a mutation of the key in `key`; later mutations of a key replace earlier ones.
    mutating func record(key: UnsafeRawBufferPointer, value: [UInt8]?) {
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        values.append(value)
    }

    /// Forgets the mutations recorded after the first `count` (those of a record found bad).
    mutating func truncate(to count: Int) {
        values.removeSubrange(count...)
        keyStarts.removeSubrange((count + 1)...)
        keyBytes.removeSubrange(keyStarts[count]...)
    }

    /// `base` with every change applied.
    consuming func applied(to base: OrderedIndex) -> OrderedIndex {
        // Below this share of the base's size, inserting each change is cheaper than a rebuild.
        if values.count * 8 < base.count {
            return inserted(into: base)
        }
        // Values move from here into the tree; leaving `self` empty makes them unique.
        var values = self.values
        self.values = []
        return keyBytes.withUnsafeBytes { arena in
            keyStarts.withUnsafeBufferPointer { starts in
                let key = { (position: Int) in
                    UnsafeRawBufferPointer(rebasing: arena[starts[position]..<starts[position + 1]])
                }
                let order = Self.lastMutationPerKeyInKeyOrder(arena: arena, starts: starts)
                var builder = OrderedIndexBuilder()
                var next = 0
                base.visit { baseKey, baseValue in
                    baseKey.bytes.withUnsafeBytes { baseKeyBytes in
                        var comparison = -1
                        while next < order.count {
                            comparison = ByteCoding.compare(key(order[next]), baseKeyBytes)
                            guard comparison < 0 else { break }
                            if let value = values[order[next]].take() {
                                builder.append(key: key(order[next]), value)
                            }
                            next += 1
                        }
                        if next < order.count && comparison == 0 {
                            if let value = values[order[next]].take() {
                                builder.append(key: baseKeyBytes, value)
                            }
                            next += 1
                        } else {
                            builder.append(key: baseKeyBytes, baseValue)
                        }
                    }
                    return true
                }
                for position in order[next...] {
                    if let value = values[position].take() {
                        builder.append(key: key(position), value)
                    }
                }
                return builder.build()
            }
        }
    }

    /// `base` with each change inserted in log order.
    private func inserted(into base: OrderedIndex) -> OrderedIndex {
        var index = base
        keyBytes.withUnsafeBytes { arena in
            for position in values.indices {
                let key = StoreKey(bytes: Array(arena[keyStarts[position]..<keyStarts[position + 1]]))
                index.apply(Mutation(key: key, value: values[position]))
            }
        }
        return index
    }

    /// One mutation's place in the sort: 16 bytes of its key from where keys start to differ,
    /// compared as integers, with the whole key only compared when those are equal.
    private struct SortItem {
        var head: UInt64
        var tail: UInt64
        var position: Int
    }

    /// Positions of each key's last mutation, in key order.
    private static func lastMutationPerKeyInKeyOrder(
        arena: UnsafeRawBufferPointer,
        starts: UnsafeBufferPointer<Int>
    ) -> [Int] {
        let count = starts.count - 1
        guard count > 0 else { return [] }
        let key = { (position: Int) in
            UnsafeRawBufferPointer(rebasing: arena[starts[position]..<starts[position + 1]])
        }
        // Bytes every key shares tell no keys apart: the integer part starts after them.
        let first = key(0)
        var shared = first.count
        for position in 1..<count where shared > 0 {
            let other = key(position)
            var length = 0
            let limit = min(shared, other.count)
            while length < limit && first[length] == other[length] {
                length += 1
            }
            shared = length
        }
        var items = (0..<count).map { position in
            let bytes = key(position)
            return SortItem(
                head: bigEndianWord(bytes, at: shared),
                tail: bigEndianWord(bytes, at: shared + 8),
                position: position
            )
        }
        // Equal keys keep log order (position breaks the tie), so the last of a run is the latest.
        items.sort { left, right in
            if left.head != right.head { return left.head < right.head }
            if left.tail != right.tail { return left.tail < right.tail }
            let order = ByteCoding.compare(key(left.position), key(right.position))
            return order != 0 ? order < 0 : left.position < right.position
        }
        var order: [Int] = []
        order.reserveCapacity(count)
        for index in items.indices {
            let isLastOfKey =
                index + 1 == items.count
                || items[index].head != items[index + 1].head || items[index].tail != items[index + 1].tail
                || ByteCoding.compare(key(items[index].position), key(items[index + 1].position)) != 0
            if isLastOfKey {
                order.append(items[index].position)
            }
        }
        return order
    }

    /// Eight bytes of `bytes` from `offset` as a big-endian integer, zero past the end: integers
    /// compare like the bytes they hold (a shorter key's zero padding sorts first, and an equal
    /// result falls back to comparing the keys).
    private static func bigEndianWord(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in offset..<(offset + 8) {
            word = word << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
        }
        return word
    }
}
