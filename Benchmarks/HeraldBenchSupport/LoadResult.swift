/// What one load run measured: throughput, latency percentiles and CPU per call.
///
/// Latencies are in microseconds, from an HdrHistogram with three significant digits. Only calls
/// that completed inside the measured period count; the warm-up and calls still in flight when the
/// period ended are left out.
///
/// The rates (``callsPerSecond``, CPU per call) are computed from the counts and times, and
/// written to JSON beside them for readers of the report; decoding ignores them.
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

    /// CPU seconds the load generator (this process) used during the measured period.
    public var loadGeneratorCPUSeconds: Double

    /// CPU seconds every other process on the machine used during the measured period (machine busy
    /// time minus server and load generator), if `/proc/stat` was readable. More than a few percent
    /// of ``cores`` × ``durationSeconds`` means the run shared the machine and its numbers are skewed.
    public var otherCPUSeconds: Double?

    /// Online cores on the machine that ran the load.
    public var cores: Int?

    /// Successful calls per second of the measured period.
    public var callsPerSecond: Double {
        self.durationSeconds > 0 ? Double(self.calls) / self.durationSeconds : 0
    }

    /// Server CPU per successful call, µs, if a server pid was given and any call succeeded.
    public var serverCPUMicrosPerCall: Double? {
        self.serverCPUSeconds.flatMap(self.microsPerCall)
    }

    /// Load generator CPU per successful call, µs, if any call succeeded.
    public var loadGeneratorCPUMicrosPerCall: Double? {
        self.microsPerCall(self.loadGeneratorCPUSeconds)
    }

    private func microsPerCall(_ seconds: Double) -> Double? {
        self.calls > 0 ? seconds * 1_000_000 / Double(self.calls) : nil
    }

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
        p50Micros: Int,
        p90Micros: Int,
        p99Micros: Int,
        maxMicros: Int,
        meanMicros: Double,
        serverCPUSeconds: Double? = nil,
        loadGeneratorCPUSeconds: Double = 0,
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
        self.p50Micros = p50Micros
        self.p90Micros = p90Micros
        self.p99Micros = p99Micros
        self.maxMicros = maxMicros
        self.meanMicros = meanMicros
        self.serverCPUSeconds = serverCPUSeconds
        self.loadGeneratorCPUSeconds = loadGeneratorCPUSeconds
        self.otherCPUSeconds = otherCPUSeconds
        self.cores = cores
    }

    private enum CodingKeys: String, CodingKey {
        case stack, connections, concurrency, payloadBytes, calls, errors, errorCounts, durationSeconds
        case p50Micros, p90Micros, p99Micros, maxMicros, meanMicros
        case serverCPUSeconds, loadGeneratorCPUSeconds, otherCPUSeconds, cores
        // Written only.
        case callsPerSecond, serverCPUMicrosPerCall, loadGeneratorCPUMicrosPerCall
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            stack: try container.decode(String.self, forKey: .stack),
            connections: try container.decode(Int.self, forKey: .connections),
            concurrency: try container.decode(Int.self, forKey: .concurrency),
            payloadBytes: try container.decode(Int.self, forKey: .payloadBytes),
            calls: try container.decode(Int.self, forKey: .calls),
            errors: try container.decode(Int.self, forKey: .errors),
            errorCounts: try container.decode([String: Int].self, forKey: .errorCounts),
            durationSeconds: try container.decode(Double.self, forKey: .durationSeconds),
            p50Micros: try container.decode(Int.self, forKey: .p50Micros),
            p90Micros: try container.decode(Int.self, forKey: .p90Micros),
            p99Micros: try container.decode(Int.self, forKey: .p99Micros),
            maxMicros: try container.decode(Int.self, forKey: .maxMicros),
            meanMicros: try container.decode(Double.self, forKey: .meanMicros),
            serverCPUSeconds: try container.decodeIfPresent(Double.self, forKey: .serverCPUSeconds),
            loadGeneratorCPUSeconds: try container.decode(Double.self, forKey: .loadGeneratorCPUSeconds),
            otherCPUSeconds: try container.decodeIfPresent(Double.self, forKey: .otherCPUSeconds),
            cores: try container.decodeIfPresent(Int.self, forKey: .cores)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.stack, forKey: .stack)
        try container.encode(self.connections, forKey: .connections)
        try container.encode(self.concurrency, forKey: .concurrency)
        try container.encode(self.payloadBytes, forKey: .payloadBytes)
        try container.encode(self.calls, forKey: .calls)
        try container.encode(self.errors, forKey: .errors)
        try container.encode(self.errorCounts, forKey: .errorCounts)
        try container.encode(self.durationSeconds, forKey: .durationSeconds)
        try container.encode(self.p50Micros, forKey: .p50Micros)
        try container.encode(self.p90Micros, forKey: .p90Micros)
        try container.encode(self.p99Micros, forKey: .p99Micros)
        try container.encode(self.maxMicros, forKey: .maxMicros)
        try container.encode(self.meanMicros, forKey: .meanMicros)
        try container.encodeIfPresent(self.serverCPUSeconds, forKey: .serverCPUSeconds)
        try container.encode(self.loadGeneratorCPUSeconds, forKey: .loadGeneratorCPUSeconds)
        try container.encodeIfPresent(self.otherCPUSeconds, forKey: .otherCPUSeconds)
        try container.encodeIfPresent(self.cores, forKey: .cores)
        try container.encode(self.callsPerSecond, forKey: .callsPerSecond)
        try container.encodeIfPresent(self.serverCPUMicrosPerCall, forKey: .serverCPUMicrosPerCall)
        try container.encodeIfPresent(self.loadGeneratorCPUMicrosPerCall, forKey: .loadGeneratorCPUMicrosPerCall)
    }

    /// Whether `other` ran the same shape of load (connections, concurrency, payload), so the two
    /// can be compared.
    public func hasSameShape(as other: LoadResult) -> Bool {
        self.connections == other.connections && self.concurrency == other.concurrency
            && self.payloadBytes == other.payloadBytes
    }
}
