import Synchronization

/// How long a test waits for something that should happen "at once" before failing: generous
/// for a loaded 2-core machine (where other tests may hold Swift's cooperative threads for
/// seconds), and never reached when the code works.
enum TestTimeout {
    static let standard = Duration.seconds(30)
}

/// A test waited longer than its bound for something that should have happened.
struct WaitTimeout: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration

    var description: String { "timed out after \(timeout) waiting for \(what)" }
}

/// State written by I/O callbacks or handlers and read by a test, which can await a condition
/// on it (with a bound) instead of sleeping.
///
/// Every ``update(_:)`` re-checks the conditions tests are waiting on.
final class Observed<State: Sendable>: Sendable {
    private struct Waiter: Sendable {
        var id: UInt64
        /// Resumes the waiter and returns true when its condition holds.
        var attempt: @Sendable (inout State) -> Bool
        var cancel: @Sendable () -> Void
    }

    private struct Box: Sendable {
        var state: State
        var waiters: [Waiter] = []
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let box: Mutex<Box>

    init(_ state: State) {
        box = Mutex(Box(state: state))
    }

    /// A copy of the state.
    var value: State { box.withLock { $0.state } }

    /// Changes the state and wakes the waiters whose condition now holds.
    @discardableResult
    func update<R>(_ body: (inout State) -> R) -> R {
        box.withLock { box in
            let result = body(&box.state)
            let waiters = box.waiters
            box.waiters = []
            for waiter in waiters where !waiter.attempt(&box.state) {
                box.waiters.append(waiter)
            }
            return result
        }
    }

    /// Waits until `check` returns a value (it may also change the state, e.g. to consume what
    /// it returns).
    ///
    /// - Throws: ``WaitTimeout`` after `timeout`.
    func wait<T: Sendable>(
        for what: String,
        timeout: Duration = TestTimeout.standard,
        until check: @escaping @Sendable (inout State) -> T?
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await self.waitIndefinitely(until: check) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw WaitTimeout(what: what, timeout: timeout)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Waits until `condition` holds.
    func wait(
        for what: String,
        timeout: Duration = TestTimeout.standard,
        until condition: @escaping @Sendable (State) -> Bool
    ) async throws {
        let _: Bool = try await wait(for: what, timeout: timeout) { state in condition(state) ? true : nil }
    }

    private func waitIndefinitely<T: Sendable>(until check: @escaping @Sendable (inout State) -> T?) async throws -> T {
        let id = box.withLock { box in
            defer { box.nextID += 1 }
            return box.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                box.withLock { box in
                    if box.cancelled.remove(id) != nil {
                        continuation.resume(throwing: CancellationError())
                    } else if let value = check(&box.state) {
                        continuation.resume(returning: value)
                    } else {
                        box.waiters.append(
                            Waiter(
                                id: id,
                                attempt: { state in
                                    guard let value = check(&state) else { return false }
                                    continuation.resume(returning: value)
                                    return true
                                },
                                cancel: { continuation.resume(throwing: CancellationError()) }
                            )
                        )
                    }
                }
            }
        } onCancel: {
            let waiter = box.withLock { box -> Waiter? in
                guard let index = box.waiters.firstIndex(where: { $0.id == id }) else {
                    box.cancelled.insert(id)
                    return nil
                }
                return box.waiters.remove(at: index)
            }
            waiter?.cancel()
        }
    }
}

/// Waits, with a bound, for a task to finish.
func result<T: Sendable>(
    of task: Task<T, any Error>,
    _ what: String,
    timeout: Duration = TestTimeout.standard
) async throws -> Result<T, any Error> {
    let outcome = Observed<Result<T, any Error>?>(nil)
    let waiter = Task {
        let result = await task.result
        outcome.update { $0 = result }
    }
    defer { waiter.cancel() }
    return try await outcome.wait(for: what, timeout: timeout) { $0 }
}
