import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Calls a shutdown action once on SIGTERM or SIGINT, or when a parent process has gone, and exits
/// the process if shutting down takes longer than a grace period.
///
/// Dispatch sources deliver the signals and poll the parent, on a serial queue of their own.
final class ShutdownTriggers: @unchecked Sendable {
    // @unchecked: every stored property is set in `init` and only used on `queue` afterwards, except
    // the sources' `cancel()`, which Dispatch allows from any thread.
    private let queue = DispatchQueue(label: "grpc-baseline.shutdown")
    private var sources: [any DispatchSourceProtocol] = []
    private var triggered = false

    /// How long a graceful shutdown may take before the process exits anyway.
    static let gracePeriod: DispatchTimeInterval = .seconds(5)

    /// Starts watching.
    ///
    /// - Parameters:
    ///   - parentPID: A process to watch (every 500 ms); when it has gone, shut down. `nil` for none.
    ///   - shutdown: Called once, on the first trigger.
    init(parentPID: Int32?, shutdown: @escaping @Sendable () -> Void) {
        let fire: @Sendable () -> Void = { [queue] in
            dispatchPrecondition(condition: .onQueue(queue))
            shutdown()
            queue.asyncAfter(deadline: .now() + Self.gracePeriod) { exit(0) }
        }
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: self.queue)
            source.setEventHandler { [weak self] in self?.fireOnce(fire) }
            source.resume()
            self.sources.append(source)
        }
        if let parentPID {
            let timer = DispatchSource.makeTimerSource(queue: self.queue)
            timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
            timer.setEventHandler { [weak self] in
                if kill(parentPID, 0) != 0 && errno == ESRCH { self?.fireOnce(fire) }
            }
            timer.resume()
            self.sources.append(timer)
        }
    }

    /// Stops watching.
    func cancel() {
        for source in self.sources {
            source.cancel()
        }
    }

    private func fireOnce(_ fire: @Sendable () -> Void) {
        guard !self.triggered else { return }
        self.triggered = true
        fire()
    }
}
