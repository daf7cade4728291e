import Foundation
import HeraldBenchSupport
import HeraldStore
import Logging

/// The store benchmark: `swift run -c release herald-store-bench [--quick] [--recovery-only]
/// [--duration S] [--records N]`. Prints a table, then one JSON object on the last line.
///
/// Measures durable puts per second with group commit against one `fdatasync` per write, put
/// latency with and without a snapshot being written, recovery time for N records, bytes on disk
/// per record and resident memory per 100 000 records. Every loop is bounded by a count and a
/// time. Data lives in fresh directories under the system's temporary directory.
///
/// Single steps, for profiling, on table `contacts` of the data directory `DIR`:
/// `--write-records DIR N` fills it with N puts (mode `none`, no snapshot), `--snapshot DIR` writes
/// a snapshot of it, `--measure-recovery DIR` opens it and prints one JSON line (seconds, CPU
/// seconds, entries, replayed records, resident bytes); `--puts N` prints group-committed puts/s
/// from N writers over 3 s.
@main
struct StoreBenchmark {
    struct Settings {
        var duration: Duration = .seconds(3)
        var records = 1_000_000
        var recoveryOnly = false
    }

    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--measure-recovery" {
            try await RecoveryProbe.run(directory: arguments[1])
            return
        }
        if arguments.first == "--puts" {
            // For profiling: group-committed puts from N writers for the configured duration.
            print("\(Int(try await profilePuts(writers: Int(arguments[1])!))) puts/s")
            return
        }
        if arguments.first == "--snapshot" {
            // For profiling: writes a snapshot of the data directory's table.
            let store = try Store(path: arguments[1], logger: quietLogger)
            try await store.table("contacts").snapshot()
            try await store.close()
            return
        }
        if arguments.first == "--write-records" {
            // For profiling recovery on its own: fills a data directory and exits.
            let store = try Store(
                path: arguments[1],
                options: StoreOptions(durability: .none, snapshotThreshold: 1 << 40),
                logger: quietLogger
            )
            let table = try await store.table("contacts")
            _ = try await Workload.run(table, writers: 64, duration: .seconds(600), limit: Int(arguments[2])!)
            try await store.close()
            return
        }
        var settings = Settings()
        while let argument = arguments.first {
            arguments.removeFirst()
            switch argument {
            case "--recovery-only":
                settings.recoveryOnly = true
            case "--quick":
                settings.duration = .seconds(1)
                settings.records = 200_000
            case "--duration":
                settings.duration = .milliseconds(Int(Double(arguments.removeFirst())! * 1000))
            case "--records":
                settings.records = Int(arguments.removeFirst())!
            default:
                print(
                    """
                    usage: herald-store-bench [--quick] [--recovery-only] [--duration SECONDS] [--records N]
                           herald-store-bench --write-records DIR N | --snapshot DIR | --measure-recovery DIR | --puts N
                    """
                )
                exit(64)
            }
        }
        let report = try await run(settings)
        report.printTable()
        print(report.json())
    }

    static let writerCounts = [1, 8, 64, 256]

    /// Group-committed puts per second from `writers` writers over 3 s (for profiling).
    static func profilePuts(writers: Int) async throws -> Double {
        let options = StoreOptions(durability: .always, snapshotThreshold: 1 << 40)
        return try await withTable("puts", options: options) { table in
            try await Workload.run(table, writers: writers, duration: .seconds(3), limit: putLimit)
        }.callsPerSecond
    }
    static let putLimit = 5_000_000

    static func run(_ settings: Settings) async throws -> BenchmarkReport {
        var report = BenchmarkReport()
        report.machine = .init(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            durationSeconds: settings.duration.seconds,
            valueBytes: Workload.valueSize
        )
        if settings.recoveryOnly {
            report.recovery = try await measureRecovery(settings)
            return report
        }

        let scratch = SystemProbes.makeTemporaryDirectory("fsync")
        report.rawFsyncPerSecond = SystemProbes.rawFsyncRate(
            directory: scratch,
            recordSize: 16 + 40 + Workload.valueSize,
            duration: settings.duration,
            limit: putLimit
        )
        SystemProbes.remove(scratch)
        progress("raw write+fdatasync, 1 writer: \(Int(report.rawFsyncPerSecond))/s")

        for (mode, recordsPerSync) in [("group commit", 4096), ("one fsync per write", 1)] {
            for writers in writerCounts {
                let options = StoreOptions(
                    durability: .always,
                    snapshotThreshold: 1 << 40,
                    maximumRecordsPerSync: recordsPerSync
                )
                let result = try await withTable("puts", options: options) { table in
                    try await Workload.run(table, writers: writers, duration: settings.duration, limit: putLimit)
                }
                let row = BenchmarkReport.PutRow(writers: writers, latency: .init(result))
                if recordsPerSync == 1 {
                    report.oneFsyncPerWrite.append(row)
                } else {
                    report.groupCommit.append(row)
                }
                progress("\(mode), \(writers) writers: \(Int(result.callsPerSecond))/s")
            }
        }
        if let at64 = report.groupCommit.first(where: { $0.writers == 64 }) {
            report.speedupAt64OverRawFsync = at64.latency.putsPerSecond / report.rawFsyncPerSecond
        }

        report.snapshotLatency = try await measureSnapshotLatency(settings)
        report.recovery = try await measureRecovery(settings)
        return report
    }

    /// Put latency of 16 writers on a table of 200 000 keys, without and then with snapshots
    /// being written back to back.
    static func measureSnapshotLatency(_ settings: Settings) async throws -> BenchmarkReport.SnapshotLatency {
        let preload = 200_000
        let options = StoreOptions(durability: .always, snapshotThreshold: 1 << 40)
        return try await withTable("snapshot", options: options) { table in
            for start in stride(from: 0, to: preload, by: 1000) {
                var batch = StoreWriteBatch()
                for number in start..<start + 1000 {
                    batch.put(Workload.key(number), Workload.value(number))
                }
                try await table.write(batch)
            }
            let quiet = try await Workload.run(
                table,
                writers: 16,
                duration: settings.duration,
                limit: putLimit,
                firstKey: preload
            )
            let before = table.statistics.snapshotsWritten
            let snapshotter = Task {
                var written = 0
                while !Task.isCancelled && written < 1000 {
                    try await table.snapshot()
                    written += 1
                }
            }
            let busy = try await Workload.run(
                table,
                writers: 16,
                duration: settings.duration,
                limit: putLimit,
                firstKey: preload + putLimit
            )
            snapshotter.cancel()
            _ = try? await snapshotter.value
            let snapshots = table.statistics.snapshotsWritten - before
            progress(
                "latency p99 without snapshot \(quiet.p99Micros) µs, with \(busy.p99Micros) µs (\(snapshots) snapshots)"
            )
            return .init(
                tableEntries: preload,
                writers: 16,
                withoutSnapshot: .init(quiet),
                duringSnapshots: .init(busy),
                snapshotsWritten: Int(snapshots)
            )
        }
    }

    /// Writes `records` records (one put each), then has a fresh process recover them: from the
    /// log alone, then from a snapshot.
    static func measureRecovery(_ settings: Settings) async throws -> BenchmarkReport.Recovery {
        let directory = SystemProbes.makeTemporaryDirectory("recovery")
        defer { SystemProbes.remove(directory) }
        let options = StoreOptions(durability: .none, snapshotThreshold: 1 << 40)
        do {
            let store = try Store(path: directory, options: options, logger: quietLogger)
            let table = try await store.table("contacts")
            _ = try await Workload.run(table, writers: 64, duration: .seconds(600), limit: settings.records)
            try await store.close()
        }
        let tablePath = directory + "/contacts"
        let logBytes = SystemProbes.bytes(in: tablePath, suffix: ".log")
        progress("wrote \(settings.records) records, \(logBytes) log bytes")

        let fromLog = try measureInChildProcess(directory)
        progress("recovered \(fromLog.entries) records from the log in \(fromLog.seconds) s")

        do {
            let store = try Store(path: directory, options: options, logger: quietLogger)
            let table = try await store.table("contacts")
            try await table.snapshot()
            try await store.close()
        }
        let snapshotBytes = SystemProbes.bytes(in: tablePath, suffix: ".snapshot")
        let fromSnapshot = try measureInChildProcess(directory)
        progress("recovered \(fromSnapshot.entries) records from a snapshot in \(fromSnapshot.seconds) s")

        return .init(
            records: settings.records,
            fromLogSeconds: fromLog.seconds,
            fromLogCPUSeconds: fromLog.cpuSeconds,
            fromLogRecordsPerSecond: Double(fromLog.replayed) / fromLog.seconds,
            fromSnapshotSeconds: fromSnapshot.seconds,
            fromSnapshotCPUSeconds: fromSnapshot.cpuSeconds,
            fromSnapshotRecordsPerSecond: Double(fromSnapshot.entries) / fromSnapshot.seconds,
            logBytesPerRecord: Double(logBytes) / Double(settings.records),
            snapshotBytesPerRecord: Double(snapshotBytes) / Double(settings.records),
            residentBytesPer100kRecordsFromLog: Double(fromLog.residentBytes) / Double(fromLog.entries) * 100_000,
            residentBytesPer100kRecordsFromSnapshot: Double(fromSnapshot.residentBytes) / Double(fromSnapshot.entries)
                * 100_000
        )
    }

    /// Runs `--measure-recovery` in a fresh copy of this program, so resident memory is the
    /// table's alone.
    static func measureInChildProcess(_ directory: String) throws -> RecoveryProbe.Measurement {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--measure-recovery", directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(RecoveryProbe.Measurement.self, from: data)
    }

    static func withTable<Result: Sendable>(
        _ label: String,
        options: StoreOptions,
        _ body: (Table) async throws -> Result
    ) async throws -> Result {
        let directory = SystemProbes.makeTemporaryDirectory(label)
        defer { SystemProbes.remove(directory) }
        let store = try Store(path: directory, options: options, logger: quietLogger)
        let table = try await store.table("bench")
        let result = try await body(table)
        try await store.close()
        return result
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "herald-store-bench")
        logger.logLevel = .warning
        return logger
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data(("… " + line + "\n").utf8))
    }
}

/// The child side of the recovery measurement: open the table, report time and memory.
enum RecoveryProbe {
    struct Measurement: Codable {
        var seconds: Double
        /// CPU time (user + system) the process spent, which other load on the machine does not
        /// inflate (``ProcessCPUTime``: clock ticks, about 10 ms each).
        var cpuSeconds: Double
        var entries: Int
        var replayed: Int
        var residentBytes: Int
    }

    static func run(directory: String) async throws {
        let before = SystemProbes.residentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = try ProcessCPUTime.readCurrentProcess()
        let store = try Store(
            path: directory,
            options: StoreOptions(snapshotThreshold: 1 << 40),
            logger: StoreBenchmark.quietLogger
        )
        let table = try await store.table("contacts")
        let seconds = (clock.now - start).seconds
        let measurement = Measurement(
            seconds: seconds,
            cpuSeconds: (try ProcessCPUTime.readCurrentProcess() - cpuStart).totalSeconds,
            entries: table.count,
            replayed: table.statistics.recoveredRecords,
            residentBytes: SystemProbes.residentBytes() - before
        )
        try await store.close()
        print(String(decoding: try JSONEncoder().encode(measurement), as: UTF8.self))
    }
}
