/// A key and its value, as returned by a scan.
public struct StoreEntry: Hashable, Sendable {
    /// The record's key.
    public var key: StoreKey
    /// The record's value: bytes the owning service chose (usually a protobuf encoding).
    public var value: [UInt8]

    /// An entry with this key and value.
    public init(key: StoreKey, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// One page of an ordered scan.
public struct StoreScanPage: Hashable, Sendable {
    /// The entries, in key order.
    public var entries: [StoreEntry]
    /// Where the next page starts (pass it as `from:`), or nil when the scan reached its end.
    public var nextKey: StoreKey?

    /// A page with these entries and continuation key.
    public init(entries: [StoreEntry], nextKey: StoreKey?) {
        self.entries = entries
        self.nextKey = nextKey
    }
}
