import Foundation
import HeraldStore
import HeraldTestSupport
import Logging
import Synchronization

/// The crash-test child (see `Tests/HeraldStoreTests/CrashTests.swift`): opens a store and
/// writes as fast as it can from many concurrent writers until it is killed, printing one line
/// per event to stdout, each written whole (under a lock) after the event:
///
/// - `R <entries>`: the store opened (recovery succeeded) and holds that many keys;
/// - `P <key> <version>`: a put of `key` at `version` was acknowledged;
/// - `D? <key>`: a delete of `key` is about to be sent; `D <key>`: it was acknowledged;
/// - `F <error>`: opening failed; `E <error>`: a write failed (the parent fails the test).
///
/// Values are `<key>|<version>|` followed by padding, so the parent can check them.
///
/// Usage: `herald-store-torture <data dir> <writers> <seed> <key prefix>`
@main
struct TortureWriter {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 5, let writers = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
            emit("F usage: herald-store-torture <data dir> <writers> <seed> <key prefix>")
            exit(64)
        }
        let (path, prefix) = (arguments[1], arguments[4])
        var logger = Logger(label: "herald-store-torture")
        logger.logLevel = .error
        let options = StoreOptions(durability: .always, segmentSize: 16 << 10, snapshotThreshold: 64 << 10)
        let table: Table
        do {
            let store = try Store(path: path, options: options, logger: logger)
            table = try await store.table("torture")
        } catch {
            emit("F \(error)")
            exit(1)
        }
        emit("R \(table.count)")
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    await write(to: table, writer: writer, prefix: prefix, seed: seed &+ UInt64(writer))
                }
            }
        }
    }

    /// One writer: mostly new keys, some updates of its own keys, some batches, some deletes.
    static func write(to table: Table, writer: Int, prefix: String, seed: UInt64) async {
        var random = SeededGenerator(seed: seed)
        var live: [(key: String, version: Int)] = []
        var counter = 0
        func newKey() -> String {
            counter += 1
            return "\(prefix)/w\(writer)/\(counter)"
        }
        while true {
            let choice = random.next() % 100
            do {
                if choice < 60 || live.isEmpty {
                    let key = newKey()
                    try await table.put(StoreKey(key), value(key, 1))
                    emit("P \(key) 1")
                    live.append((key, 1))
                } else if choice < 80 {
                    let position = Int(random.next() % UInt64(live.count))
                    let (key, version) = (live[position].key, live[position].version + 1)
                    try await table.put(StoreKey(key), value(key, version))
                    emit("P \(key) \(version)")
                    live[position].version = version
                } else if choice < 92 {
                    var batch = StoreWriteBatch()
                    let keys = (0..<3).map { _ in newKey() }
                    for key in keys {
                        batch.put(StoreKey(key), value(key, 1))
                    }
                    try await table.write(batch)
                    for key in keys {
                        emit("P \(key) 1")
                        live.append((key, 1))
                    }
                } else {
                    let position = Int(random.next() % UInt64(live.count))
                    let key = live.remove(at: position).key
                    emit("D? \(key)")
                    try await table.delete(StoreKey(key))
                    emit("D \(key)")
                }
            } catch {
                emit("E \(error)")
                exit(2)
            }
        }
    }

    /// The value stored for `key` at `version`.
    static func value(_ key: String, _ version: Int) -> [UInt8] {
        Array("\(key)|\(version)|".utf8) + [UInt8](repeating: 0x2E, count: (version * 37) % 64)
    }

    private static let output = Mutex(())

    /// Writes one line to stdout, whole, before any other line.
    static func emit(_ line: String) {
        let bytes = Data((line + "\n").utf8)
        output.withLock { _ in
            do {
                try FileHandle.standardOutput.write(contentsOf: bytes)
            } catch {
                exit(3)
            }
        }
    }
}
