/// Which snapshots and segments a table keeps.
///
/// The two newest valid snapshots are kept, and every segment that holds a record after the
/// older of the two: if the newest snapshot is ever found damaged, the previous one plus the log
/// rebuild the same state. The last (active) segment is always kept.
struct RetentionPlan: Hashable, Sendable {
    var keptSnapshots: [UInt64]
    var obsoleteSnapshots: [UInt64]
    var keptSegments: [SegmentInfo]
    var obsoleteSegments: [SegmentInfo]

    /// The plan for these snapshots (ascending) and segments (ascending).
    init(snapshots: [UInt64], segments: [SegmentInfo]) {
        keptSnapshots = Array(snapshots.suffix(2))
        obsoleteSnapshots = Array(snapshots.dropLast(2))
        keptSegments = []
        obsoleteSegments = []
        let floor = keptSnapshots.count == 2 ? keptSnapshots[0] : nil
        for (position, segment) in segments.enumerated() {
            let isActive = position == segments.count - 1
            // A segment ends just before the next one starts.
            if !isActive, let floor, segments[position + 1].firstSequence - 1 <= floor {
                obsoleteSegments.append(segment)
            } else {
                keptSegments.append(segment)
            }
        }
    }
}
