/// The shape and bounds of one closed-loop load run.
///
/// A run opens ``connections`` connections and keeps ``concurrency`` calls in flight on each: every
/// one of the `connections × concurrency` loops makes a call, waits for it, records the latency and
/// makes the next. Calls during the ``warmup`` are made but not recorded; the measured period then
/// ends after ``duration`` or once ``maxCalls`` calls have completed in it, whichever comes first.
public struct LoadConfiguration: Sendable, Hashable {
    /// How many connections (call factories) to open.
    public var connections: Int

    /// How many calls each connection keeps in flight.
    public var concurrency: Int

    /// The request payload size, in bytes. Recorded in the result; the call itself builds the payload.
    public var payloadBytes: Int

    /// How long calls run before measuring starts.
    public var warmup: Duration

    /// The longest the measured period lasts.
    public var duration: Duration

    /// The most calls (successful or failed) the measured period counts before it ends.
    public var maxCalls: Int

    /// How long in-flight calls may take to finish once the measured period has ended before the
    /// driver cancels them.
    public var drainTimeout: Duration

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - connections: How many connections to open; at least 1.
    ///   - concurrency: How many calls each connection keeps in flight; at least 1.
    ///   - payloadBytes: The request payload size in bytes, for the report.
    ///   - warmup: How long calls run before measuring starts; zero or more.
    ///   - duration: The longest the measured period lasts; more than zero.
    ///   - maxCalls: The most calls the measured period counts; at least 1.
    ///   - drainTimeout: How long in-flight calls may take to finish after the measured period.
    public init(
        connections: Int,
        concurrency: Int,
        payloadBytes: Int,
        warmup: Duration = .seconds(2),
        duration: Duration = .seconds(10),
        maxCalls: Int = 10_000_000,
        drainTimeout: Duration = .seconds(5)
    ) {
        self.connections = connections
        self.concurrency = concurrency
        self.payloadBytes = payloadBytes
        self.warmup = warmup
        self.duration = duration
        self.maxCalls = maxCalls
        self.drainTimeout = drainTimeout
    }

    /// Checks that every bound is usable.
    ///
    /// - Throws: ``BenchmarkError`` naming the first field out of range.
    public func validate() throws {
        guard self.connections >= 1 else { throw BenchmarkError("connections must be at least 1") }
        guard self.concurrency >= 1 else { throw BenchmarkError("concurrency must be at least 1") }
        guard self.payloadBytes >= 0 else { throw BenchmarkError("payload bytes must not be negative") }
        guard self.warmup >= .zero else { throw BenchmarkError("warm-up must not be negative") }
        guard self.duration > .zero else { throw BenchmarkError("duration must be more than zero") }
        guard self.maxCalls >= 1 else { throw BenchmarkError("max calls must be at least 1") }
        guard self.drainTimeout >= .zero else { throw BenchmarkError("drain timeout must not be negative") }
    }
}
