import HeraldBenchSupport

extension LoadResult {
    /// A result of a 10-second run with round numbers, for report tests; the load generator used
    /// 10 µs per call.
    static func fixture(
        stack: String,
        connections: Int = 4,
        concurrency: Int = 64,
        callsPerSecond: Double,
        p50Micros: Int,
        serverCPUMicrosPerCall: Double?
    ) -> LoadResult {
        LoadResult(
            stack: stack,
            connections: connections,
            concurrency: concurrency,
            payloadBytes: 200,
            calls: Int(callsPerSecond * 10),
            errors: 0,
            durationSeconds: 10,
            p50Micros: p50Micros,
            p90Micros: p50Micros * 2,
            p99Micros: p50Micros * 4,
            maxMicros: p50Micros * 10,
            meanMicros: Double(p50Micros) * 1.1,
            serverCPUSeconds: serverCPUMicrosPerCall.map { $0 * callsPerSecond * 10 / 1_000_000 },
            loadGeneratorCPUSeconds: 10 * callsPerSecond * 10 / 1_000_000
        )
    }
}
