/// Puts and deletes applied to one ``Table`` atomically: after a crash either all of them are
/// there or none is.
///
/// Mutations apply in the order they were added; a later one for the same key wins.
public struct StoreWriteBatch: Sendable {
    /// The mutations, in order.
    var mutations: [Mutation] = []

    /// An empty batch.
    public init() {}

    /// Sets `key` to `value`.
    public mutating func put(_ key: StoreKey, _ value: [UInt8]) {
        mutations.append(Mutation(key: key, value: value))
    }

    /// Removes `key` (nothing happens if it is missing).
    public mutating func delete(_ key: StoreKey) {
        mutations.append(Mutation(key: key, value: nil))
    }

    /// How many mutations the batch holds.
    public var count: Int { mutations.count }

    /// Whether the batch holds no mutation.
    public var isEmpty: Bool { mutations.isEmpty }
}

/// One change to one key: a put when `value` is set, a delete when it is nil.
struct Mutation: Hashable, Sendable {
    /// The key changed.
    var key: StoreKey
    /// The new value, or nil to delete the key.
    var value: [UInt8]?
}
