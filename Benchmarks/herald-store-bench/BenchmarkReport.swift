import Foundation

/// Everything the benchmark measured, printed as a table and as JSON.
struct BenchmarkReport: Codable {
    struct Machine: Codable {
        var cores = 0
        var durationSeconds = 0.0
        var valueBytes = 0
    }

    struct PutRow: Codable {
        var writers: Int
        var putsPerSecond: Double
        var p50Microseconds: Double
        var p99Microseconds: Double
    }

    struct Latency: Codable {
        var p50Microseconds: Double
        var p99Microseconds: Double
        var putsPerSecond: Double
    }

    struct SnapshotLatency: Codable {
        var tableEntries: Int
        var writers: Int
        var withoutSnapshot: Latency
        var duringSnapshots: Latency
        var snapshotsWritten: Int
    }

    struct Recovery: Codable {
        var records: Int
        var fromLogSeconds: Double
        var fromLogCPUSeconds: Double
        var fromLogRecordsPerSecond: Double
        var fromSnapshotSeconds: Double
        var fromSnapshotCPUSeconds: Double
        var fromSnapshotRecordsPerSecond: Double
        var logBytesPerRecord: Double
        var snapshotBytesPerRecord: Double
        var residentBytesPer100kRecords: Double
    }

    var machine = Machine()
    var rawFsyncPerSecond = 0.0
    var groupCommit: [PutRow] = []
    var oneFsyncPerWrite: [PutRow] = []
    var speedupAt64OverRawFsync = 0.0
    var snapshotLatency: SnapshotLatency?
    var recovery: Recovery?

    func printTable() {
        print(
            "Herald store benchmark (\(machine.cores) cores, \(machine.durationSeconds) s per run, \(machine.valueBytes)-byte values)"
        )
        print("")
        if !groupCommit.isEmpty {
            printPuts()
        }
        if let snapshotLatency {
            print("")
            print("put latency, \(snapshotLatency.writers) writers, table of \(snapshotLatency.tableEntries) keys:")
            print(
                "  without snapshot: p50 \(format(snapshotLatency.withoutSnapshot.p50Microseconds)) µs, p99 \(format(snapshotLatency.withoutSnapshot.p99Microseconds)) µs, \(format(snapshotLatency.withoutSnapshot.putsPerSecond)) puts/s"
            )
            print(
                "  during snapshots: p50 \(format(snapshotLatency.duringSnapshots.p50Microseconds)) µs, p99 \(format(snapshotLatency.duringSnapshots.p99Microseconds)) µs, \(format(snapshotLatency.duringSnapshots.putsPerSecond)) puts/s (\(snapshotLatency.snapshotsWritten) snapshots written)"
            )
        }
        if let recovery {
            print("")
            print("recovery of \(recovery.records) records:")
            print(
                "  from the log:     \(String(format: "%.2f", recovery.fromLogSeconds)) s (CPU \(String(format: "%.2f", recovery.fromLogCPUSeconds)) s), \(format(recovery.fromLogRecordsPerSecond)) records/s (target ≥ 1M/s)"
            )
            print(
                "  from a snapshot:  \(String(format: "%.2f", recovery.fromSnapshotSeconds)) s (CPU \(String(format: "%.2f", recovery.fromSnapshotCPUSeconds)) s), \(format(recovery.fromSnapshotRecordsPerSecond)) records/s"
            )
            print(
                "  log bytes/record: \(String(format: "%.1f", recovery.logBytesPerRecord)), snapshot bytes/record: \(String(format: "%.1f", recovery.snapshotBytesPerRecord))"
            )
            print(
                "  resident memory per 100k records: \(String(format: "%.1f", recovery.residentBytesPer100kRecords / 1_048_576)) MiB"
            )
        }
        print("")
    }

    private func printPuts() {
        print("raw pwrite + fdatasync, 1 writer: \(format(rawFsyncPerSecond)) writes/s")
        print("")
        print(
            pad("writers", 8) + pad("group commit/s", 16) + pad("p50 µs", 10) + pad("p99 µs", 10)
                + pad("1 fsync/write/s", 17) + pad("p50 µs", 10) + pad("p99 µs", 10)
        )
        for (group, single) in zip(groupCommit, oneFsyncPerWrite) {
            print(
                pad("\(group.writers)", 8) + pad(format(group.putsPerSecond), 16)
                    + pad(format(group.p50Microseconds), 10)
                    + pad(format(group.p99Microseconds), 10) + pad(format(single.putsPerSecond), 17)
                    + pad(format(single.p50Microseconds), 10) + pad(format(single.p99Microseconds), 10)
            )
        }
        print("")
        print(
            "group commit at 64 writers / raw single-writer fsync rate: \(String(format: "%.1f", speedupAt64OverRawFsync))× (target ≥ 20×)"
        )
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    private func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
