/// What one load run measured: throughput, latency percentiles and CPU per call.
///
/// Latencies are in microseconds, from an HdrHistogram with three significant digits. Only calls
/// that completed inside the measured period count; the warm-up and calls still in flight when the
/// period ended are left out.
public struct LoadResult: Sendable, Hashable, Codable {
    /// The stack under load, e.g. `herald` or `grpc`.
    public var stack: String

    /// Connections opened.
    public var connections: Int

    /// Calls in flight per connection.
    public var concurrency: Int

    /// Request payload size in bytes.
    public var payloadBytes: Int

    /// Calls that succeeded in the measured period.
    public var calls: Int

    /// Calls that threw in the measured period.
    public var errors: Int

    /// Failed calls by error description.
    public var errorCounts: [String: Int]

    /// Length of the measured period, in seconds.
    public var durationSeconds: Double

    /// Successful calls per second of the measured period.
    public var callsPerSecond: Double

    /// Median latency, µs.
    public var p50Micros: Int

    /// 90th percentile latency, µs.
    public var p90Micros: Int

    /// 99th percentile latency, µs.
    public var p99Micros: Int

    /// Highest latency recorded, µs.
    public var maxMicros: Int

    /// Mean latency, µs.
    public var meanMicros: Double

    /// CPU seconds the server process used during the measured period, if a server pid was given.
    public var serverCPUSeconds: Double?

    /// Server CPU per successful call, µs, if a server pid was given and any call succeeded.
    public var serverCPUMicrosPerCall: Double?

    /// CPU seconds the load generator (this process) used during the measured period.
    public var loadGeneratorCPUSeconds: Double

    /// Load generator CPU per successful call, µs, if any call succeeded.
    public var loadGeneratorCPUMicrosPerCall: Double?

    /// CPU seconds every other process on the machine used during the measured period (machine busy
    /// time minus server and load generator), if `/proc/stat` was readable. More than a few percent
    /// of ``cores`` × ``durationSeconds`` means the run shared the machine and its numbers are skewed.
    public var otherCPUSeconds: Double?

    /// Online cores on the machine that ran the load.
    public var cores: Int?

    /// The share of the machine's capacity that other processes used during the measured period,
    /// from 0 to 1, if known.
    public var otherCPUShare: Double? {
        guard let other = self.otherCPUSeconds, let cores = self.cores, cores > 0, self.durationSeconds > 0 else {
            return nil
        }
        return max(0, other) / (Double(cores) * self.durationSeconds)
    }

    /// Creates a result from its fields.
    public init(
        stack: String,
        connections: Int,
        concurrency: Int,
        payloadBytes: Int,
        calls: Int,
        errors: Int,
        errorCounts: [String: Int] = [:],
        durationSeconds: Double,
        callsPerSecond: Double,
        p50Micros: Int,
        p90Micros: Int,
        p99Micros: Int,
        maxMicros: Int,
        meanMicros: Double,
        serverCPUSeconds: Double? = nil,
        serverCPUMicrosPerCall: Double? = nil,
        loadGeneratorCPUSeconds: Double = 0,
        loadGeneratorCPUMicrosPerCall: Double? = nil,
        otherCPUSeconds: Double? = nil,
        cores: Int? = nil
    ) {
        self.stack = stack
        self.connections = connections
        self.concurrency = concurrency
        self.payloadBytes = payloadBytes
        self.calls = calls
        self.errors = errors
        self.errorCounts = errorCounts
        self.durationSeconds = durationSeconds
        self.callsPerSecond = callsPerSecond
        self.p50Micros = p50Micros
        self.p90Micros = p90Micros
        self.p99Micros = p99Micros
        self.maxMicros = maxMicros
        self.meanMicros = meanMicros
        self.serverCPUSeconds = serverCPUSeconds
        self.serverCPUMicrosPerCall = serverCPUMicrosPerCall
        self.loadGeneratorCPUSeconds = loadGeneratorCPUSeconds
        self.loadGeneratorCPUMicrosPerCall = loadGeneratorCPUMicrosPerCall
        self.otherCPUSeconds = otherCPUSeconds
        self.cores = cores
    }

    /// Whether `other` ran the same shape of load (connections, concurrency, payload), so the two
    /// can be compared.
    public func hasSameShape(as other: LoadResult) -> Bool {
        self.connections == other.connections && self.concurrency == other.concurrency
            && self.payloadBytes == other.payloadBytes
    }
}
