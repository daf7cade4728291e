public import HeraldServiceKit
import Synchronization

/// A clock that stands still until a test moves it.
public final class TestClock: ServiceClock {
    private let now: Atomic<Int64>

    /// A clock showing `start` (2025-01-01T00:00:00Z by default).
    public init(_ start: Int64 = 1_735_689_600_000) {
        now = Atomic(start)
    }

    public func nowUnixMilliseconds() -> Int64 {
        now.load(ordering: .relaxed)
    }

    /// Moves the clock forward.
    public func advance(milliseconds: Int64 = 1) {
        now.add(milliseconds, ordering: .relaxed)
    }
}
