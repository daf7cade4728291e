import Foundation

extension LoadReport {
    /// The report as an aligned text table: one row per result, then one row per ratio (e.g.
    /// `herald/grpc`), then any errors by description.
    ///
    /// Columns: stack, connections, calls in flight per connection, payload bytes, calls, errors,
    /// measured seconds, calls/s with server CPU per call in µs beside it, p50/p90/p99/max latency in
    /// µs, and load generator CPU per call in µs. Ratio rows show each measure as
    /// `numerator / baseline`, e.g. `3.05x`. A note follows for each run during which other
    /// processes used 5% or more of the machine.
    public func table() -> String {
        var table = TextTable(header: [
            "stack", "conns", "conc", "payload", "calls", "errors", "secs", "calls/s", "server CPU µs/call",
            "p50 µs", "p90 µs", "p99 µs", "max µs", "loadgen CPU µs/call",
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
                result.serverCPUMicrosPerCall.map { Self.format($0, decimals: 1) } ?? "-",
                String(result.p50Micros),
                String(result.p90Micros),
                String(result.p99Micros),
                String(result.maxMicros),
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
                Self.formatRatio(ratio.serverCPUPerCall),
                Self.formatRatio(ratio.p50),
                Self.formatRatio(ratio.p90),
                Self.formatRatio(ratio.p99),
                Self.formatRatio(ratio.max),
                Self.formatRatio(ratio.loadGeneratorCPUPerCall),
            ])
        }
        var lines = [table.render()]
        for result in self.results {
            if let share = result.otherCPUShare, share >= Self.otherCPUWarningShare {
                let shape = "\(result.stack) \(result.connections)×\(result.concurrency)"
                lines.append(
                    "note \(shape): other processes used \(Self.format(share * 100, decimals: 0))% of the "
                        + "machine's \(result.cores ?? 0) cores during the run; its numbers are skewed"
                )
            }
        }
        for result in self.results where !result.errorCounts.isEmpty {
            let shape = "\(result.stack) \(result.connections)×\(result.concurrency)"
            for (description, count) in result.errorCounts.sorted(by: { $0.value > $1.value }) {
                lines.append("errors \(shape): \(count) × \(description)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The share of the machine that other processes may use during a run before the table
    /// warns that the run's numbers are skewed.
    static let otherCPUWarningShare = 0.05

    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    static func formatRatio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.2fx", value)
    }
}
