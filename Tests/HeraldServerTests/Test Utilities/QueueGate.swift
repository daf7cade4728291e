import Dispatch
import Synchronization

/// Holds the thread that calls ``block()`` — for a handler, its connection's queue — until the
/// test calls ``open()``: the connection is busy and every event meanwhile waits its turn.
final class QueueGate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let entered = Atomic<Bool>(false)

    /// Blocks until ``open()``.
    func block() {
        entered.store(true, ordering: .releasing)
        semaphore.wait()
    }

    /// Whether a thread has reached ``block()``.
    var isBlocking: Bool { entered.load(ordering: .acquiring) }

    func open() {
        semaphore.signal()
    }
}
