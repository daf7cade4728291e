import Synchronization

/// A value shared between tasks of a test, behind a mutex.
final class LockedBox<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    /// The current value.
    var value: Value {
        storage.withLock { $0 }
    }

    /// Changes the value under the lock.
    func mutate<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        storage.withLock { body(&$0) }
    }
}
