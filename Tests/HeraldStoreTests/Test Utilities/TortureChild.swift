import Dispatch
import Foundation
import HeraldTestSupport

@testable import HeraldStore

/// Runs the `herald-store-torture` child process (built next to the test bundle) and kills it
/// with SIGKILL after it acknowledged a number of writes.
enum TortureChild {
    /// What one run produced.
    struct Run {
        /// Every line the child printed, in order.
        var lines: [String]
        /// The error from opening the same data directory while the child held it, when probed.
        var lockProbe: StoreError?
    }

    /// Starts the child, reads its lines and kills it once it printed `killAfter` acknowledgements
    /// (nil: at once, before reading anything). Blocking work runs off the test's threads.
    static func run(
        path: String,
        writers: Int,
        seed: UInt64,
        prefix: String,
        killAfter: Int?,
        probeLock: Bool = false
    ) async throws -> Run {
        // Blocks for as long as the child runs.
        try await offThePool {
            try runBlocking(
                path: path,
                writers: writers,
                seed: seed,
                prefix: prefix,
                killAfter: killAfter,
                probeLock: probeLock
            )
        }
    }

    private static func runBlocking(
        path: String,
        writers: Int,
        seed: UInt64,
        prefix: String,
        killAfter: Int?,
        probeLock: Bool
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try HeraldProcess.executable("herald-store-torture"))
        process.arguments = [path, String(writers), String(seed), prefix]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var killed = false
        func kill() {
            guard !killed else { return }
            killed = true
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
        if killAfter == nil {
            kill()
        }
        var run = Run(lines: [], lockProbe: nil)
        var pending: [UInt8] = []
        var acknowledged = 0
        let reader = output.fileHandleForReading
        while true {
            let data = reader.availableData
            if data.isEmpty { break }
            pending += data
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                run.lines.append(line)
                if line.hasPrefix("R ") && probeLock {
                    do throws(StoreError) {
                        _ = try Store(path: path, logger: LogRecorder().logger())
                    } catch {
                        run.lockProbe = error
                    }
                }
                if line.hasPrefix("P ") || line.hasPrefix("D ") {
                    acknowledged += 1
                }
                if line.hasPrefix("F ") || line.hasPrefix("E ") || acknowledged >= (killAfter ?? 0) {
                    kill()
                }
            }
        }
        kill()
        process.waitUntilExit()
        return run
    }
}
