import HeraldCrypto
import HeraldProtos
import HeraldWire
import Synchronization

/// Replies of mutations remembered per (tenant, method, idempotency key), so that a retried
/// call is answered with the first outcome instead of running twice.
///
/// A repeat that arrives while the first call still runs waits for its outcome. A key reused
/// with a different request is refused. Outcomes that say nothing about the request — the call
/// was cut short (CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE) or failed inside the server
/// (INTERNAL) — are not remembered, so a retry runs again. Entries expire after
/// ``retention``; at most ``capacity`` are kept (the oldest go first). The cache lives in
/// memory: a restart forgets it.
final class IdempotencyCache: Sendable {
    typealias Outcome = Result<any ProtoMessage, RPCError>
    typealias Waiter = @Sendable (Outcome) -> Void

    /// What to do with a call that carries a key.
    enum Decision {
        /// First time: run it, then ``finish(_:outcome:)``.
        case run(Key)
        /// Answer with the remembered outcome.
        case replay(Outcome)
        /// The first call is still running; the waiter will be called with its outcome.
        case waiting
        /// The key was used with a different request.
        case conflict
    }

    /// A call's entry.
    struct Key: Hashable, Sendable {
        var tenant: String
        var method: String
        var key: String
    }

    private enum State {
        case running([Waiter])
        case done(Outcome, expires: ContinuousClock.Instant)
    }

    private struct Entry {
        var digest: SHA256Digest
        var state: State
    }

    private struct Storage {
        var entries: [Key: Entry] = [:]
        /// Keys in the order they were added, for eviction.
        var order: [Key] = []
        var orderStart = 0
    }

    let retention: Duration
    let capacity: Int
    private let storage = Mutex(Storage())

    init(retention: Duration = .seconds(600), capacity: Int = 100_000) {
        self.retention = retention
        self.capacity = capacity
    }

    /// Looks up a call.
    ///
    /// - Parameters:
    ///   - request: the encoded request, compared by digest with the first call's.
    ///   - waiter: called (from any thread) with the first call's outcome when the decision is
    ///     ``Decision/waiting``.
    func begin(
        _ key: Key,
        request: ArraySlice<UInt8>,
        now: ContinuousClock.Instant = .now,
        waiter: @escaping Waiter
    )
        -> Decision
    {
        let digest = request.withUnsafeBytes { SHA256.hash($0) }
        return storage.withLock { storage in
            if var entry = storage.entries[key] {
                switch entry.state {
                case .done(let outcome, let expires) where expires > now:
                    return entry.digest == digest ? .replay(outcome) : .conflict
                case .running(var waiters):
                    guard entry.digest == digest else { return .conflict }
                    waiters.append(waiter)
                    entry.state = .running(waiters)
                    storage.entries[key] = entry
                    return .waiting
                case .done:
                    break  // Expired: start over.
                }
            } else {
                storage.order.append(key)
            }
            storage.entries[key] = Entry(digest: digest, state: .running([]))
            evict(&storage, now: now)
            return .run(key)
        }
    }

    /// Records the outcome of a call that ran, and hands it to the calls waiting on it.
    func finish(_ key: Key, outcome: Outcome, now: ContinuousClock.Instant = .now) {
        let waiters: [Waiter] = storage.withLock { storage in
            guard let entry = storage.entries[key], case .running(let waiters) = entry.state else { return [] }
            if Self.isRemembered(outcome) {
                storage.entries[key] = Entry(digest: entry.digest, state: .done(outcome, expires: now + retention))
            } else {
                storage.entries[key] = nil
            }
            return waiters
        }
        for waiter in waiters { waiter(outcome) }
    }

    /// Entries currently held (for tests and metrics).
    var count: Int { storage.withLock { $0.entries.count } }

    private static func isRemembered(_ outcome: Outcome) -> Bool {
        guard case .failure(let error) = outcome else { return true }
        return ![.cancelled, .deadlineExceeded, .unavailable, .internal, .unknown].contains(error.code)
    }

    /// Drops expired entries from the front of the order, and the oldest beyond capacity.
    private func evict(_ storage: inout Storage, now: ContinuousClock.Instant) {
        while storage.orderStart < storage.order.count {
            let oldest = storage.order[storage.orderStart]
            guard let entry = storage.entries[oldest] else {
                storage.orderStart += 1
                continue
            }
            let expired: Bool
            if case .done(_, let expires) = entry.state { expired = expires <= now } else { expired = false }
            guard expired || storage.entries.count > capacity else { break }
            if case .running = entry.state { break }  // Never drop a call that is still running.
            storage.entries[oldest] = nil
            storage.orderStart += 1
        }
        if storage.orderStart > 1_024 && storage.orderStart > storage.order.count / 2 {
            storage.order.removeFirst(storage.orderStart)
            storage.orderStart = 0
        }
    }
}
