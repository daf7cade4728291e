import Dispatch
import Synchronization

/// A bounded queue handing values from one producer thread to one consumer thread, both of
/// which block (recovery decodes records on one core while it applies them on the other).
final class HandoffQueue<Element: Sendable>: Sendable {
    private let items = Mutex<(values: [Element], closed: Bool)>(([], false))
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    /// A queue holding at most `capacity` values.
    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Adds a value, waiting while the queue is full.
    func send(_ value: Element) {
        free.wait()
        items.withLock { $0.values.append(value) }
        filled.signal()
    }

    /// Ends the stream: ``receive()`` returns nil once the values sent are taken.
    func close() {
        items.withLock { $0.closed = true }
        filled.signal()
    }

    /// The next value, waiting for one; nil once the queue is closed and empty.
    func receive() -> Element? {
        filled.wait()
        let value = items.withLock { items -> Element? in
            items.values.isEmpty ? nil : items.values.removeFirst()
        }
        if value != nil {
            free.signal()
        }
        return value
    }
}
