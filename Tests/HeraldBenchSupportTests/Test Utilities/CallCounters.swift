import Synchronization

/// Counts calls per connection from many tasks at once.
final class CallCounters: Sendable {
    private let counts: Mutex<[Int]>

    init(count: Int) {
        self.counts = Mutex([Int](repeating: 0, count: count))
    }

    /// Adds one to counter `index` and returns its new value.
    @discardableResult
    func increment(_ index: Int) -> Int {
        self.counts.withLock { counts in
            counts[index] += 1
            return counts[index]
        }
    }

    func value(_ index: Int) -> Int {
        self.counts.withLock { $0[index] }
    }
}
