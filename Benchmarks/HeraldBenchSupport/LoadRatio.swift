/// One stack's result divided by a baseline's, for runs of the same shape.
///
/// Each field is `numerator / baseline`, or `nil` where the baseline value is zero or missing. For
/// calls/s higher is better; for latency and CPU per call lower is better.
public struct LoadRatio: Sendable, Hashable, Codable {
    /// The stack divided, e.g. `herald`.
    public var numerator: String

    /// The stack divided by, e.g. `grpc`.
    public var denominator: String

    /// Connections in both runs.
    public var connections: Int

    /// Calls in flight per connection in both runs.
    public var concurrency: Int

    /// Payload bytes in both runs.
    public var payloadBytes: Int

    /// Calls/s ratio.
    public var callsPerSecond: Double?

    /// Median latency ratio.
    public var p50: Double?

    /// 90th percentile latency ratio.
    public var p90: Double?

    /// 99th percentile latency ratio.
    public var p99: Double?

    /// Maximum latency ratio.
    public var max: Double?

    /// Server CPU per call ratio.
    public var serverCPUPerCall: Double?

    /// Load generator CPU per call ratio.
    public var loadGeneratorCPUPerCall: Double?

    /// `numerator/denominator`, e.g. `herald/grpc`.
    public var label: String { "\(self.numerator)/\(self.denominator)" }

    /// Divides one result by another of the same shape.
    ///
    /// - Parameters:
    ///   - result: The numerator.
    ///   - baseline: The denominator.
    /// - Returns: `nil` if the two runs differ in connections, concurrency or payload size.
    public init?(_ result: LoadResult, over baseline: LoadResult) {
        guard result.hasSameShape(as: baseline) else { return nil }
        func divide(_ value: Double?, _ base: Double?) -> Double? {
            guard let value, let base, base != 0, value.isFinite, base.isFinite else { return nil }
            return value / base
        }
        self.numerator = result.stack
        self.denominator = baseline.stack
        self.connections = result.connections
        self.concurrency = result.concurrency
        self.payloadBytes = result.payloadBytes
        self.callsPerSecond = divide(result.callsPerSecond, baseline.callsPerSecond)
        self.p50 = divide(Double(result.p50Micros), Double(baseline.p50Micros))
        self.p90 = divide(Double(result.p90Micros), Double(baseline.p90Micros))
        self.p99 = divide(Double(result.p99Micros), Double(baseline.p99Micros))
        self.max = divide(Double(result.maxMicros), Double(baseline.maxMicros))
        self.serverCPUPerCall = divide(result.serverCPUMicrosPerCall, baseline.serverCPUMicrosPerCall)
        self.loadGeneratorCPUPerCall = divide(
            result.loadGeneratorCPUMicrosPerCall,
            baseline.loadGeneratorCPUMicrosPerCall
        )
    }
}
