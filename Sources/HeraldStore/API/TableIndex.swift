/// A secondary index the table maintains: for each record, the index keys it can be found under
/// (e.g. a contact's phone number and email address).
///
/// The table keeps the index in memory, updates it under the same lock and in the same order as
/// the records themselves, and rebuilds it from the recovered records at open; it is never
/// written to disk, so it always agrees with the log. Look records up with
/// ``Table/lookup(_:_:)`` and ``Table/scanIndex(_:prefix:after:limit:)``, or inside a
/// ``Table/transaction(_:)`` (which also sees writes not yet durable, to check uniqueness).
///
/// The closure must be a pure function of key and value (it runs again at every open, and under
/// the table's lock: keep it quick).
public struct TableIndex: Sendable {
    /// The index's name, unique within its table.
    public var name: String
    /// The index keys of a record; empty when the record is not in the index.
    public var keys: @Sendable (_ key: StoreKey, _ value: [UInt8]) -> [StoreKey]

    /// An index named `name` whose keys `keys` computes.
    public init(_ name: String, keys: @escaping @Sendable (_ key: StoreKey, _ value: [UInt8]) -> [StoreKey]) {
        self.name = name
        self.keys = keys
    }
}

/// A record found through a secondary index.
public struct StoreIndexEntry: Hashable, Sendable {
    /// The index key it was found under.
    public var indexKey: StoreKey
    /// The record's primary key.
    public var key: StoreKey

    /// An entry with these keys.
    public init(indexKey: StoreKey, key: StoreKey) {
        self.indexKey = indexKey
        self.key = key
    }
}
