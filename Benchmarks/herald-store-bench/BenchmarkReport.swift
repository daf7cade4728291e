import Foundation
import HeraldBenchSupport

/// Everything the benchmark measured, printed as a table and as JSON.
struct BenchmarkReport: Codable {
    struct Machine: Codable {
        var cores = 0
        var durationSeconds = 0.0
        var valueBytes = 0
    }

    struct Latency: Codable {
        var p50Microseconds: Int
        var p99Microseconds: Int
        var putsPerSecond: Double

        init(_ result: LoadResult) {
            p50Microseconds = result.p50Micros
            p99Microseconds = result.p99Micros
            putsPerSecond = result.callsPerSecond
        }
    }

    struct PutRow: Codable {
        var writers: Int
        var latency: Latency
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
        /// Growth of the fresh process's resident memory over the open, per 100 000 records.
        var residentBytesPer100kRecordsFromLog: Double
        var residentBytesPer100kRecordsFromSnapshot: Double
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
        if !groupCommit.isEmpty {
            print("")
            printPuts()
        }
        if let snapshotLatency {
            print("")
            print("put latency, \(snapshotLatency.writers) writers, table of \(snapshotLatency.tableEntries) keys:")
            var table = TextTable(header: ["", "p50 µs", "p99 µs", "puts/s"])
            for (label, latency) in [
                ("without snapshot", snapshotLatency.withoutSnapshot),
                ("during snapshots (\(snapshotLatency.snapshotsWritten) written)", snapshotLatency.duringSnapshots),
            ] {
                table.rows.append([
                    label, String(latency.p50Microseconds), String(latency.p99Microseconds),
                    Self.decimals(latency.putsPerSecond, 0),
                ])
            }
            print(table.render())
        }
        if let recovery {
            print("")
            print("recovery of \(recovery.records) records (target ≥ 1M records/s from the log):")
            let table = TextTable(
                header: ["", "seconds", "CPU seconds", "records/s", "bytes/record", "RSS MiB/100k records"],
                rows: [
                    [
                        "from the log", Self.decimals(recovery.fromLogSeconds, 2),
                        Self.decimals(recovery.fromLogCPUSeconds, 2),
                        Self.decimals(recovery.fromLogRecordsPerSecond, 0),
                        Self.decimals(recovery.logBytesPerRecord, 1),
                        Self.decimals(recovery.residentBytesPer100kRecordsFromLog / 1_048_576, 1),
                    ],
                    [
                        "from a snapshot", Self.decimals(recovery.fromSnapshotSeconds, 2),
                        Self.decimals(recovery.fromSnapshotCPUSeconds, 2),
                        Self.decimals(recovery.fromSnapshotRecordsPerSecond, 0),
                        Self.decimals(recovery.snapshotBytesPerRecord, 1),
                        Self.decimals(recovery.residentBytesPer100kRecordsFromSnapshot / 1_048_576, 1),
                    ],
                ]
            )
            print(table.render())
        }
        print("")
    }

    private func printPuts() {
        print("raw pwrite + fdatasync, 1 writer: \(Self.decimals(rawFsyncPerSecond, 0)) writes/s")
        print("")
        var table = TextTable(header: [
            "writers", "group commit puts/s", "p50 µs", "p99 µs", "1 fsync/write puts/s", "p50 µs", "p99 µs",
        ])
        for (group, single) in zip(groupCommit, oneFsyncPerWrite) {
            table.rows.append(
                [String(group.writers)] + Self.cells(group.latency) + Self.cells(single.latency)
            )
        }
        print(table.render())
        print("")
        print(
            "group commit at 64 writers / raw single-writer fsync rate: \(Self.decimals(speedupAt64OverRawFsync, 1))× (target ≥ 20×)"
        )
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    private static func cells(_ latency: Latency) -> [String] {
        [decimals(latency.putsPerSecond, 0), String(latency.p50Microseconds), String(latency.p99Microseconds)]
    }

    private static func decimals(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}
