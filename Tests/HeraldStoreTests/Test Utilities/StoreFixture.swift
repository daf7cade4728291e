import Dispatch
import Foundation
import HeraldTestSupport
import Logging

@testable import HeraldStore

/// A data directory for one test, with a log recorder, opening stores on it.
struct StoreFixture: Sendable {
    let directory: TemporaryDirectory
    let recorder = LogRecorder()
    var options: StoreOptions

    init(_ label: String = "store", options: StoreOptions = StoreOptions()) throws {
        directory = try TemporaryDirectory(label)
        self.options = options
    }

    /// The data directory.
    var path: String { directory.path }

    /// The directory of table `name`.
    func tablePath(_ name: String = "t") -> String {
        directory.file(name)
    }

    /// The path of file `name` in the directory of table `table`.
    func tableFile(_ name: String, table: String = "t") -> String {
        tablePath(table) + "/" + name
    }

    /// Opens a store on the directory.
    func open(_ options: StoreOptions? = nil) throws -> Store {
        try Store(path: path, options: options ?? self.options, logger: recorder.logger())
    }

    /// Opens the store and table `name`, runs `body`, closes the store (also when `body` throws).
    func withTable<Result: Sendable>(
        _ name: String = "t",
        options: StoreOptions? = nil,
        indexes: [TableIndex] = [],
        _ body: (Table) async throws -> Result
    ) async throws -> Result {
        let store = try open(options)
        do {
            let table = try await store.table(name, indexes: indexes)
            let result = try await body(table)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The table's files, sorted by name.
    func files(_ name: String = "t") throws -> [String] {
        try Files.list(tablePath(name))
    }

    /// The table's segment files, ascending.
    func segments(_ name: String = "t") throws -> [String] {
        try files(name).filter { $0.hasSuffix(".log") }
    }

    /// The table's snapshot files, ascending.
    func snapshots(_ name: String = "t") throws -> [String] {
        try files(name).filter { $0.hasSuffix(".snapshot") }
    }

    func remove() {
        directory.remove()
    }
}

extension StoreKey {
    /// A key for test record `number`, zero-padded so keys sort numerically.
    static func number(_ number: Int) -> StoreKey {
        StoreKey("key-\(padded(number, 6))")
    }
}

/// The test value of record `number`, version `version`.
func testValue(_ number: Int, version: Int = 1) -> [UInt8] {
    Array("value \(number) v\(version)".utf8)
}
