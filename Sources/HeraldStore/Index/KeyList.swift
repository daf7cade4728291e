/// The keys of one B+tree node, stored back to back in one byte array.
///
/// A binary search over it touches only the node's own memory, instead of one heap object per
/// key: with a million keys that is the difference between cache hits and a cache miss per
/// comparison. Key `i` occupies `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
struct KeyList: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []

    /// No keys.
    init() {}

    /// These keys, in order.
    init(_ keys: [StoreKey]) {
        for key in keys {
            append(key.bytes)
        }
    }

    /// The number of keys.
    var count: Int { ends.count }

    /// Whether there is no key.
    var isEmpty: Bool { ends.isEmpty }

    /// Where key `index` lies in ``bytes``.
    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// Key `index`, as a new ``StoreKey``.
    subscript(index: Int) -> StoreKey {
        StoreKey(bytes: Array(bytes[range(index)]))
    }

    /// Every key, as new ``StoreKey``s.
    var keys: [StoreKey] {
        (0..<count).map { self[$0] }
    }

    /// The first position whose key is not below `key`, and whether it equals `key`.
    @inline(__always)
    func position(of key: StoreKey) -> (index: Int, found: Bool) {
        ByteCoding.search(arena: bytes, ends: ends, for: key.bytes)
    }

    /// Adds `key` after the last key.
    mutating func append(_ key: [UInt8]) {
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
    }

    /// Adds the key in `key` after the last key.
    mutating func append(_ key: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
    }

    /// Calls `body` with the bytes of the last key (empty when there is none).
    func withLastKey<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { bytes in
            body(
                isEmpty
                    ? UnsafeRawBufferPointer(start: nil, count: 0)
                    : UnsafeRawBufferPointer(rebasing: bytes[range(count - 1)])
            )
        }
    }

    /// Inserts `key` at `index`.
    mutating func insert(_ key: [UInt8], at index: Int) {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        bytes.insert(contentsOf: key, at: start)
        ends.insert(UInt32(start + key.count), at: index)
        let length = UInt32(key.count)
        var position = index + 1
        while position < ends.count {
            ends[position] += length
            position += 1
        }
    }

    /// Removes key `index`.
    mutating func remove(at index: Int) {
        let removed = range(index)
        bytes.removeSubrange(removed)
        ends.remove(at: index)
        let length = UInt32(removed.count)
        var position = index
        while position < ends.count {
            ends[position] -= length
            position += 1
        }
    }

    /// Removes the keys from `index` on and returns them.
    mutating func removeSuffix(from index: Int) -> KeyList {
        var suffix = KeyList()
        let start = index == 0 ? 0 : Int(ends[index - 1])
        suffix.bytes = Array(bytes[start...])
        suffix.ends = ends[index...].map { $0 - UInt32(start) }
        bytes.removeSubrange(start...)
        ends.removeSubrange(index...)
        return suffix
    }

    /// These keys followed by `other`'s.
    func appending(_ other: KeyList) -> KeyList {
        var result = self
        let base = UInt32(bytes.count)
        result.bytes += other.bytes
        result.ends += other.ends.map { $0 + base }
        return result
    }
}
