import Histogram

extension LoadResult {
    /// Builds the result of a finished run from what its recorder holds.
    init(
        stack: String,
        configuration: LoadConfiguration,
        snapshot: LoadRecorder.Snapshot,
        serverCPU: ProcessCPUTime?,
        loadGeneratorCPU: ProcessCPUTime,
        machineCPU: MachineCPUTime?
    ) {
        var seconds = 0.0
        if let end = snapshot.windowEnd {
            seconds = Self.seconds(end - snapshot.windowStart)
        }
        let calls = snapshot.calls
        let histogram = snapshot.histogram
        let hasLatencies = histogram.totalCount > 0
        self.init(
            stack: stack,
            connections: configuration.connections,
            concurrency: configuration.concurrency,
            payloadBytes: configuration.payloadBytes,
            calls: calls,
            errors: snapshot.errors,
            errorCounts: snapshot.errorCounts,
            durationSeconds: seconds,
            p50Micros: hasLatencies ? Int(histogram.valueAtPercentile(50)) : 0,
            p90Micros: hasLatencies ? Int(histogram.valueAtPercentile(90)) : 0,
            p99Micros: hasLatencies ? Int(histogram.valueAtPercentile(99)) : 0,
            maxMicros: hasLatencies ? Int(histogram.maxRecorded) : 0,
            meanMicros: hasLatencies ? histogram.mean : 0,
            serverCPUSeconds: serverCPU?.totalSeconds,
            loadGeneratorCPUSeconds: loadGeneratorCPU.totalSeconds,
            otherCPUSeconds: machineCPU.map {
                $0.busySeconds - loadGeneratorCPU.totalSeconds - (serverCPU?.totalSeconds ?? 0)
            },
            cores: MachineCPUTime.onlineCores
        )
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
