/// Call deadlines in order (a binary min-heap). Entries of calls that already finished stay
/// until they reach the top and are skipped, which keeps finishing a call O(1).
public struct DeadlineQueue: Sendable {
    private struct Entry: Sendable {
        var deadline: ContinuousClock.Instant
        var callID: UInt64
    }

    private var heap: [Entry] = []

    public init() {}

    public var isEmpty: Bool { heap.isEmpty }

    /// Entries held, including those of calls that have finished.
    public var count: Int { heap.count }

    /// Drops the entries of calls that are no longer live, when they outnumber the live ones:
    /// call after a call finishes, so the queue stays proportional to the calls in flight
    /// rather than to the call rate times the deadline.
    public mutating func compact(liveCount: Int, isLive: (UInt64) -> Bool) {
        guard heap.count > 2 * liveCount + 256 else { return }
        heap.removeAll { !isLive($0.callID) }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) {
            siftDown(from: index)
        }
    }

    /// The earliest deadline.
    public var earliest: ContinuousClock.Instant? { heap.first?.deadline }

    public mutating func insert(_ deadline: ContinuousClock.Instant, callID: UInt64) {
        heap.append(Entry(deadline: deadline, callID: callID))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the calls whose deadline is at or before `now`.
    public mutating func popExpired(now: ContinuousClock.Instant) -> [UInt64] {
        var expired: [UInt64] = []
        while let first = heap.first, first.deadline <= now {
            expired.append(first.callID)
            removeFirst()
        }
        return expired
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        siftDown(from: 0)
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
