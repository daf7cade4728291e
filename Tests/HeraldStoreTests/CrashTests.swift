import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldStore

/// What the crash test knows about the keys the child wrote, from the lines it printed.
struct CrashModel {
    /// The highest acknowledged version of each key put.
    var acknowledged: [String: Int] = [:]
    /// Keys whose delete was acknowledged.
    var deleted: Set<String> = []
    /// Keys whose delete was sent but not acknowledged before the kill.
    var deleteIntents: Set<String> = []

    /// Takes in one line of the child's output.
    mutating func apply(_ line: String) {
        let parts = line.split(separator: " ")
        switch parts.first {
        case "P":
            let (key, version) = (String(parts[1]), Int(parts[2])!)
            acknowledged[key] = max(acknowledged[key] ?? 0, version)
        case "D?":
            deleteIntents.insert(String(parts[1]))
        case "D":
            deleted.insert(String(parts[1]))
            deleteIntents.remove(String(parts[1]))
        default:
            break
        }
    }

    /// Checks the table after recovery against everything acknowledged; returns the problems.
    /// Then takes what was uncertain (writes in flight at the kill) as settled by what recovery
    /// found, since later cycles must see the same.
    mutating func verify(_ entries: [StoreEntry]) -> [String] {
        var problems: [String] = []
        var present: [String: Int] = [:]
        for entry in entries {
            guard let key = entry.key.string else {
                problems.append("key \(entry.key) is not text")
                continue
            }
            let fields = String(decoding: entry.value, as: UTF8.self).split(
                separator: "|",
                omittingEmptySubsequences: false
            )
            guard fields.count == 3, fields[0] == key, let version = Int(fields[1]),
                fields[2] == String(repeating: ".", count: (version * 37) % 64)
            else {
                problems.append("key \(key) has a damaged value")
                continue
            }
            present[key] = version
        }
        for key in deleted where present[key] != nil {
            problems.append("acknowledged delete of \(key) was lost")
        }
        for (key, version) in acknowledged where !deleted.contains(key) {
            if let stored = present[key] {
                if stored < version {
                    problems.append("\(key) has version \(stored), but version \(version) was acknowledged")
                }
            } else if deleteIntents.contains(key) {
                deleted.insert(key)
            } else {
                problems.append("acknowledged put of \(key) (version \(version)) was lost")
            }
        }
        for (key, version) in present {
            acknowledged[key] = max(acknowledged[key] ?? 0, version)
        }
        deleteIntents = []
        return problems
    }
}

@Suite struct CrashTests {
    /// Cycles sharing one data directory before a long run starts over in a fresh one.
    static let cyclesPerDirectory = 50

    /// A child process writes with many concurrent writers and is killed with SIGKILL at random
    /// moments; after each kill every acknowledged write must be there and recovery must never
    /// fail. `HERALD_CRASH_CYCLES` sets the number of cycles (default 30), `HERALD_CRASH_SEED`
    /// replays a run.
    @Test(.timeLimit(.minutes(10)))
    func acknowledgedWritesSurviveKill9() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cycles = environment["HERALD_CRASH_CYCLES"].flatMap(Int.init) ?? 30
        let seed = environment["HERALD_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("crash test: seed \(seed) (HERALD_CRASH_SEED=\(seed) replays it), \(cycles) cycles")
        _ = try HeraldProcess.executable("herald-store-torture")  // Names the missing file if it was not built.

        var directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        var random = SeededGenerator(seed: seed)
        var model = CrashModel()
        var totalAcknowledged = 0
        for cycle in 0..<cycles {
            // Long runs start over in a fresh directory now and then, so cycles stay quick.
            if cycle > 0 && cycle % Self.cyclesPerDirectory == 0 {
                directory.remove()
                directory = try TemporaryDirectory("crash")
                model = CrashModel()
            }
            // Sometimes kill at once (likely during recovery), otherwise after 0–2999 acknowledgements.
            // (The first cycle always gets going: it also checks the lock against a second process.)
            let killAfter: Int? = cycle > 0 && random.next() % 10 == 0 ? nil : Int(random.next() % 3000)
            let run = try await TortureChild.run(
                path: directory.path,
                writers: 32,
                seed: random.next(),
                prefix: "c\(cycle)",
                killAfter: killAfter,
                probeLock: cycle == 0
            )
            let failures = run.lines.filter { $0.hasPrefix("F ") || $0.hasPrefix("E ") }
            #expect(failures.isEmpty, "cycle \(cycle) (seed \(seed)): \(failures)")
            if cycle == 0 {
                #expect(run.lines.first?.hasPrefix("R ") == true)
                #expect(run.lockProbe?.code == .locked, "a second process must not open the data directory")
                #expect(run.lockProbe?.message.contains("in use by process") == true)
            }
            for line in run.lines {
                model.apply(line)
            }
            totalAcknowledged += run.lines.filter { $0.hasPrefix("P ") || $0.hasPrefix("D ") }.count

            let store = try Store(path: directory.path, logger: LogRecorder().logger())
            let table = try await store.table("torture")
            // Checking tens of thousands of keys is CPU work: keep it off the test's threads.
            let (problems, verified) = try await offThePool { [model] in
                var model = model
                return (model.verify(table.scan().entries), model)
            }
            model = verified
            try await store.close()
            #expect(
                problems.isEmpty,
                "cycle \(cycle) (seed \(seed), kill after \(String(describing: killAfter))): \(problems.prefix(10))"
            )
            if !problems.isEmpty { break }
        }
        print(
            "crash test: \(cycles) kills, \(totalAcknowledged) acknowledged writes checked, \(model.acknowledged.count) keys"
        )
        #expect(totalAcknowledged > cycles * 100, "the child made too little progress to test anything")
    }
}
