public import Dispatch
import HeraldWire

/// A Dispatch timer that wakes its owner, on the owner's serial queue, no later than the
/// earliest instant asked of it: one timer for a connection's handshake, idle, close and call
/// deadlines (see ``DeadlineQueue``). Use only on `queue`.
public final class WakeupTimer: @unchecked Sendable {
    // @unchecked: every member is touched only on `queue` (the timer's handler runs there).

    private let queue: DispatchQueue
    private var handler: (@Sendable () -> Void)?
    private var source: (any DispatchSourceTimer)?
    /// When the timer fires next; nil once it has fired.
    private var wakeup: ContinuousClock.Instant?

    /// - Parameter handler: Runs on `queue` when a wakeup comes due. One run may stand for
    ///   several wakeups asked for (see ``schedule(at:)``), so it works out everything due by
    ///   then, and schedules the next wakeup it needs.
    public init(queue: DispatchQueue, handler: @escaping @Sendable () -> Void) {
        self.queue = queue
        self.handler = handler
    }

    /// Makes sure the handler runs no later than `instant`.
    ///
    /// A wakeup set for no later is kept, even one already due whose handler has not run yet
    /// (the queue was busy): re-arming a Dispatch timer discards a fire not yet handled, so
    /// moving it to a later instant would push the due wakeup back to that instant.
    public func schedule(at instant: ContinuousClock.Instant) {
        guard handler != nil else { return }
        if let wakeup, wakeup <= instant { return }
        let source = self.source ?? makeSource()
        wakeup = instant
        let delay = max(Duration.zero, instant - .now)
        source.schedule(deadline: .now() + .nanoseconds(Int(delay.wholeNanoseconds)), leeway: .milliseconds(1))
    }

    /// Stops the timer for good and lets go of the handler.
    public func cancel() {
        source?.cancel()
        source = nil
        handler = nil
        wakeup = nil
    }

    private func makeSource() -> any DispatchSourceTimer {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.setEventHandler { [self] in fire() }
        source.activate()
        self.source = source
        return source
    }

    private func fire() {
        wakeup = nil
        handler?()
    }
}
