#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Wall-clock time for the services' timestamps, expiries, cooldowns and time windows.
/// Injected so that tests control time instead of sleeping.
public protocol ServiceClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowUnixMilliseconds() -> Int64
}

/// The system's real-time clock.
public struct SystemServiceClock: ServiceClock {
    public init() {}

    public func nowUnixMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }
}
