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
        var parent = 0
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
