import HeraldRPC

/// What a test handler saw and did, and a way to hold handlers until the test lets them go.
///
/// A handler calls ``park(_:context:)`` with a key (e.g. the request's id): the call is
/// recorded as started and waits until the test calls ``release(_:)``; task cancellation
/// makes it throw `CancellationError` and is recorded in ``State/cancelled``.
final class CallProbe: Sendable {
    struct State: Sendable {
        /// Keys in the order their handlers started.
        var started: [String] = []
        /// Keys whose handler saw its task cancelled.
        var cancelled: [String] = []
        /// Keys whose handler returned or threw.
        var finished: [String] = []
        /// The context of each call, by key.
        var contexts: [String: ServerContext] = [:]
        var inFlight = 0
        var maxInFlight = 0
        fileprivate var parked: [String: CheckedContinuation<Void, any Error>] = [:]
        fileprivate var released: Set<String> = []
        fileprivate var cancelledBeforeParking: Set<String> = []
    }

    let observed = Observed(State())

    var state: State { observed.value }

    /// Records the call's start, then waits until ``release(_:)`` or cancellation.
    ///
    /// - Throws: `CancellationError` when the handler's task is cancelled.
    func park(_ key: String, context: ServerContext) async throws {
        begin(key, context: context)
        defer { end(key) }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                observed.update { state in
                    if state.released.remove(key) != nil {
                        continuation.resume()
                    } else if state.cancelledBeforeParking.remove(key) != nil {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        state.parked[key] = continuation
                    }
                }
            }
        } onCancel: {
            observed.update { state in
                state.cancelled.append(key)
                if let continuation = state.parked.removeValue(forKey: key) {
                    continuation.resume(throwing: CancellationError())
                } else {
                    state.cancelledBeforeParking.insert(key)
                }
            }
        }
    }

    /// Records the call's start and end around `body`, without waiting.
    func record<T>(_ key: String, context: ServerContext, _ body: () async throws -> T) async rethrows -> T {
        begin(key, context: context)
        defer { end(key) }
        return try await body()
    }

    /// Lets the parked handler with `key` go on (now, or as soon as it parks).
    func release(_ key: String) {
        observed.update { state in
            if let continuation = state.parked.removeValue(forKey: key) {
                continuation.resume()
            } else {
                state.released.insert(key)
            }
        }
    }

    /// Lets every parked handler go on.
    func releaseAll() {
        observed.update { state in
            for continuation in state.parked.values { continuation.resume() }
            state.parked = [:]
        }
    }

    /// Waits until `count` handlers have started.
    func waitStarted(_ count: Int, timeout: Duration = TestTimeout.standard) async throws {
        try await observed.wait(for: "\(count) handlers to start", timeout: timeout) { $0.started.count >= count }
    }

    /// Waits until the handler with `key` has started.
    func waitStarted(_ key: String, timeout: Duration = TestTimeout.standard) async throws {
        try await observed.wait(for: "handler \(key) to start", timeout: timeout) { $0.started.contains(key) }
    }

    /// Waits until the handler with `key` has seen its task cancelled.
    func waitCancelled(_ key: String, timeout: Duration = TestTimeout.standard) async throws {
        try await observed.wait(for: "handler \(key) to be cancelled", timeout: timeout) {
            $0.cancelled.contains(key)
        }
    }

    /// Waits until the handler with `key` has returned or thrown.
    func waitFinished(_ key: String, timeout: Duration = TestTimeout.standard) async throws {
        try await observed.wait(for: "handler \(key) to finish", timeout: timeout) { $0.finished.contains(key) }
    }

    private func begin(_ key: String, context: ServerContext) {
        observed.update { state in
            state.started.append(key)
            state.contexts[key] = context
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
        }
    }

    private func end(_ key: String) {
        observed.update { state in
            state.inFlight -= 1
            state.finished.append(key)
        }
    }
}
