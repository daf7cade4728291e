import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns termination signals into an awaitable event. The signals' default action (terminate)
/// is disabled while the waiter exists, so the process can drain.
final class SignalWaiter: @unchecked Sendable {
    // @unchecked: `received` and `waiter` are only touched on `queue`.
    private let queue = DispatchQueue(label: "herald.signals")
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?
    private var waiter: CheckedContinuation<Int32, Never>?

    init(signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in deliver(number) }
            source.activate()
            sources.append(source)
        }
    }

    /// Waits for the first of the signals.
    func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                if let received {
                    continuation.resume(returning: received)
                } else {
                    waiter = continuation
                }
            }
        }
    }

    private func deliver(_ number: Int32) {
        guard received == nil else { return }
        received = number
        waiter?.resume(returning: number)
        waiter = nil
    }
}
