import Foundation

extension LoadReport {
    /// The report as an aligned text table: one row per result, then one row per ratio (e.g.
    /// `herald/grpc`), then any errors by description.
    ///
    /// Columns: stack, connections, calls in flight per connection, payload bytes, calls, errors,
    /// measured seconds, calls/s, p50/p90/p99/max latency in µs, and server and load generator CPU
    /// per call in µs. Ratio rows show each measure as `numerator / baseline`, e.g. `3.05x`.
    public func table() -> String {
        var table = TextTable(header: [
            "stack", "conns", "conc", "payload", "calls", "errors", "secs", "calls/s",
            "p50 µs", "p90 µs", "p99 µs", "max µs", "server CPU µs/call", "loadgen CPU µs/call",
        ])
        for result in self.results {
            table.rows.append([
                result.stack,
                String(result.connections),
                String(result.concurrency),
                String(result.payloadBytes),
                String(result.calls),
                String(result.errors),
                Self.format(result.durationSeconds, decimals: 2),
                Self.format(result.callsPerSecond, decimals: 0),
                String(result.p50Micros),
                String(result.p90Micros),
                String(result.p99Micros),
                String(result.maxMicros),
                result.serverCPUMicrosPerCall.map { Self.format($0, decimals: 1) } ?? "-",
                result.loadGeneratorCPUMicrosPerCall.map { Self.format($0, decimals: 1) } ?? "-",
            ])
        }
        for ratio in self.ratios {
            table.rows.append([
                ratio.label,
                String(ratio.connections),
                String(ratio.concurrency),
                String(ratio.payloadBytes),
                "", "", "",
                Self.formatRatio(ratio.callsPerSecond),
                Self.formatRatio(ratio.p50),
                Self.formatRatio(ratio.p90),
                Self.formatRatio(ratio.p99),
                Self.formatRatio(ratio.max),
                Self.formatRatio(ratio.serverCPUPerCall),
                Self.formatRatio(ratio.loadGeneratorCPUPerCall),
            ])
        }
        var lines = [table.render()]
        for result in self.results where !result.errorCounts.isEmpty {
            let shape = "\(result.stack) \(result.connections)×\(result.concurrency)"
            for (description, count) in result.errorCounts.sorted(by: { $0.value > $1.value }) {
                lines.append("errors \(shape): \(count) × \(description)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    static func formatRatio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.2fx", value)
    }
}
