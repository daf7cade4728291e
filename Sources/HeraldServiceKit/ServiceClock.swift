#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
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
        Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down))
    }
}
