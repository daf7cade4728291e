import Histogram
import Synchronization

/// The shared, lock-protected state of one load run: which phase it is in, the latency histogram
/// and the counts of the measured period.
///
/// The phases follow the clock: a call that completes before `warmupEnd` belongs to the warm-up, one
/// that completes from `warmupEnd` up to `periodEnd` is measured, and the period ends early once
/// `maxCalls` calls have been measured. Every loop reports each completed call through
/// ``record(start:end:failure:)``, which also tells the loop whether to go on, so the loops stop by
/// themselves even if no other task gets to run.
final class LoadRecorder: Sendable {
    /// Where the run is.
    enum Phase: Sendable, Equatable {
        /// Calls are made but not recorded.
        case warmingUp
        /// Calls that complete are recorded.
        case measuring
        /// The measured period is over; loops stop.
        case finished
    }

    /// Everything recorded, as one value.
    struct Snapshot: Sendable {
        var phase: Phase = .warmingUp
        var windowStart: ContinuousClock.Instant
        var windowEnd: ContinuousClock.Instant?
        var histogram: Histogram<UInt64>
        var calls = 0
        var errors = 0
        var errorCounts: [String: Int] = [:]
        var warmupCalls = 0
    }

    /// The highest latency the histogram tracks, in microseconds (one minute); longer calls are
    /// recorded as this.
    static let highestTrackableMicros: UInt64 = 60_000_000

    /// Error descriptions longer than this are cut, so a chatty error cannot grow the report.
    static let maxErrorDescriptionLength = 200

    private let state: Mutex<Snapshot>
    private let warmupEnd: ContinuousClock.Instant
    private let periodEnd: ContinuousClock.Instant
    private let maxCalls: Int

    /// Creates a recorder in the warm-up phase.
    ///
    /// - Parameters:
    ///   - warmupEnd: When the measured period starts.
    ///   - periodEnd: When it ends at the latest.
    ///   - maxCalls: The measured period ends when this many calls have completed in it.
    init(warmupEnd: ContinuousClock.Instant, periodEnd: ContinuousClock.Instant, maxCalls: Int) {
        self.warmupEnd = warmupEnd
        self.periodEnd = periodEnd
        self.maxCalls = maxCalls
        let histogram = Histogram<UInt64>(
            highestTrackableValue: Self.highestTrackableMicros,
            numberOfSignificantValueDigits: .three
        )
        self.state = Mutex(Snapshot(windowStart: warmupEnd, histogram: histogram))
    }

    /// Whether the measured period is over.
    var isFinished: Bool {
        self.state.withLock { $0.phase == .finished }
    }

    /// Ends the measured period at `instant` (at the latest at its scheduled end), if it has not
    /// ended already.
    func finish(at instant: ContinuousClock.Instant) {
        self.state.withLock { state in
            guard state.phase != .finished else { return }
            state.phase = .finished
            state.windowEnd = max(self.warmupEnd, min(instant, self.periodEnd))
        }
    }

    /// Records one completed call.
    ///
    /// - Parameters:
    ///   - start: When the call started.
    ///   - end: When it completed.
    ///   - failure: The error it threw, or `nil` if it succeeded.
    /// - Returns: Whether the loop should make another call.
    func record(start: ContinuousClock.Instant, end: ContinuousClock.Instant, failure: (any Error)?) -> Bool {
        let micros = Self.microseconds(end - start)
        let description = failure.map { Self.describe($0) }
        return self.state.withLock { state in
            guard state.phase != .finished else { return false }
            guard end >= self.warmupEnd else {
                state.warmupCalls += 1
                return true
            }
            guard end < self.periodEnd else {
                state.phase = .finished
                state.windowEnd = self.periodEnd
                return false
            }
            state.phase = .measuring
            if let description {
                state.errors += 1
                state.errorCounts[description, default: 0] += 1
            } else {
                state.calls += 1
                state.histogram.record(min(micros, Self.highestTrackableMicros))
            }
            if state.calls + state.errors >= self.maxCalls {
                state.phase = .finished
                state.windowEnd = end
                return false
            }
            return true
        }
    }

    /// A copy of everything recorded so far.
    func snapshot() -> Snapshot {
        self.state.withLock { $0 }
    }

    /// A duration in whole microseconds, rounded to the nearest.
    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000 + UInt64((attoseconds + 500_000_000_000) / 1_000_000_000_000)
    }

    private static func describe(_ error: any Error) -> String {
        let description = String(describing: error)
        guard description.count > Self.maxErrorDescriptionLength else { return description }
        return String(description.prefix(Self.maxErrorDescriptionLength)) + "…"
    }
}
