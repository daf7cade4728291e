/// A log segment on disk, as the table keeps track of it.
struct SegmentInfo: Hashable, Sendable {
    /// The sequence number of its first record (from its name and header).
    var firstSequence: UInt64
    /// Its file name in the table directory.
    var name: String
}
