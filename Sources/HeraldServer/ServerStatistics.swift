import Synchronization

/// What a server has done since it started: for metrics, and for tests of its limits.
public struct ServerStatistics: Sendable, Hashable {
    /// Connections admitted.
    public var connectionsAccepted: Int
    /// Connections closed as soon as they were accepted (``ServerLimits/maxConnections``
    /// reached, or draining).
    public var connectionsRefused: Int
    /// Times a connection stopped reading because its unsent output passed
    /// ``ServerLimits/outputHighWaterMark``.
    public var readPauses: Int
    /// The most unsent output one connection has held after writing what its socket took.
    public var peakPendingOutput: Int
}

/// The counters behind ``ServerStatistics``, updated from the listener's and every
/// connection's queue.
final class ServerCounters: Sendable {
    private let connectionsAccepted = Atomic<Int>(0)
    private let connectionsRefused = Atomic<Int>(0)
    private let readPauses = Atomic<Int>(0)
    private let peakPendingOutput = Atomic<Int>(0)

    func noteConnectionAccepted() {
        connectionsAccepted.add(1, ordering: .relaxed)
    }

    func noteConnectionRefused() {
        connectionsRefused.add(1, ordering: .relaxed)
    }

    func noteReadPause() {
        readPauses.add(1, ordering: .relaxed)
    }

    /// Raises the peak of unsent output to `count` if it is higher.
    func notePendingOutput(_ count: Int) {
        var peak = peakPendingOutput.load(ordering: .relaxed)
        while count > peak {
            let (exchanged, original) = peakPendingOutput.compareExchange(
                expected: peak,
                desired: count,
                ordering: .relaxed
            )
            if exchanged { return }
            peak = original
        }
    }

    var snapshot: ServerStatistics {
        ServerStatistics(
            connectionsAccepted: connectionsAccepted.load(ordering: .relaxed),
            connectionsRefused: connectionsRefused.load(ordering: .relaxed),
            readPauses: readPauses.load(ordering: .relaxed),
            peakPendingOutput: peakPendingOutput.load(ordering: .relaxed)
        )
    }
}
