import HeraldProtos

/// A generated message used as a table value in tests.
typealias StoreSnapshotEntryMessage = HeraldProtos.StoreSnapshotEntry

extension StoreSnapshotEntryMessage {
    static let sample = StoreSnapshotEntryMessage(key: Array("k".utf8), value: [1, 2, 3])
}
