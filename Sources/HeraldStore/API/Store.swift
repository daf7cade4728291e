public import Logging

/// Herald's embedded store: a data directory holding named tables, each an append-only log with
/// snapshots, recovered at open.
///
/// ```swift
/// let store = try Store(path: "herald-data", logger: logger)
/// let contacts = try await store.table("contacts", indexes: [phoneIndex])
/// try await contacts.put("tenant-1/ct_42", message: contact)
/// let page = contacts.scan(prefix: "tenant-1/", limit: 50)
/// try await store.close()
/// ```
///
/// Only one `Store` may have a data directory open at a time: a second one, in this process or
/// another, fails with ``StoreError/Code/locked``. The lock is held until ``close()`` (or until
/// the store and all its tables are gone). See `docs/STORAGE.md` for the files and the
/// durability promise.
public actor Store {
    /// The data directory.
    public nonisolated let path: String
    private let options: StoreOptions
    private let logger: Logger
    private let lock: DataDirectoryLock
    private var tables: [String: Task<Table, any Error>] = [:]
    private var isClosed = false

    /// Opens (creating when missing) the data directory at `path` and takes its lock. Tables are
    /// opened on demand with ``table(_:indexes:)``.
    ///
    /// - Throws: ``StoreError/Code/locked`` when the directory is in use,
    ///   ``StoreError/Code/ioError`` when it cannot be created or opened.
    public init(path: String, options: StoreOptions = StoreOptions(), logger: Logger) throws(StoreError) {
        guard options.segmentSize > 0, options.snapshotThreshold > 0, options.maximumRecordsPerSync > 0 else {
            throw StoreError(.invalidArgument, "segment size, snapshot threshold and records per sync must be positive")
        }
        self.path = path
        self.options = options
        var logger = logger
        logger[metadataKey: "store.path"] = "\(path)"
        self.logger = logger
        self.lock = try DataDirectoryLock.acquire(path, fileSystem: options.resolvedFileSystem)
        logger.info(
            "Opened store",
            metadata: ["store.durability": "\(options.durability)", "store.repair": "\(options.repair)"]
        )
    }

    /// The table named `name`, opened (and recovered) on first use; later calls return the same
    /// table.
    ///
    /// - Parameters:
    ///   - name: 1 to 64 characters from `a`–`z`, `0`–`9`, `_` and `-`; also the table's
    ///     directory name.
    ///   - indexes: secondary indexes the table maintains (see ``TableIndex``), given at the
    ///     first call; later calls must name the same indexes or none.
    /// - Throws: ``StoreError`` when the name is invalid, recovery fails (corruption names file
    ///   and offset) or the store is closed.
    public func table(_ name: String, indexes: [TableIndex] = []) async throws -> Table {
        guard !isClosed else {
            throw StoreError(.closed, "the store at \(path) is closed")
        }
        guard Self.isValidTableName(name) else {
            throw StoreError(.invalidArgument, "invalid table name \"\(name)\": use 1–64 of a-z, 0-9, _ and -")
        }
        guard Set(indexes.map(\.name)).count == indexes.count else {
            throw StoreError(.invalidArgument, "index names of table \"\(name)\" must be unique")
        }
        let opening: Task<Table, any Error>
        if let existing = tables[name] {
            opening = existing
        } else {
            let (path, options, logger, lock) = (self.path + "/" + name, self.options, self.logger, self.lock)
            opening = Task {
                try await Table.open(
                    name: name,
                    path: path,
                    indexes: indexes,
                    options: options,
                    directoryLock: lock,
                    logger: logger
                )
            }
            tables[name] = opening
        }
        let table: Table
        do {
            table = try await opening.value
        } catch {
            if tables[name] == opening {
                tables[name] = nil
            }
            throw error
        }
        if !indexes.isEmpty && indexes.map(\.name) != table.indexes.map(\.name) {
            throw StoreError(
                .invalidArgument,
                "table \"\(name)\" is open with indexes \(table.indexes.map(\.name)), not \(indexes.map(\.name))"
            )
        }
        return table
    }

    /// Closes every table (waiting for queued writes, syncing the logs) and releases the data
    /// directory.
    ///
    /// - Throws: the first error closing a table; every table is closed regardless.
    public func close() async throws {
        guard !isClosed else { return }
        isClosed = true
        var firstError: (any Error)?
        for opening in tables.values {
            do {
                try await opening.value.close()
            } catch {
                firstError = firstError ?? error
            }
        }
        tables = [:]
        lock.release()
        logger.info("Closed store")
        if let firstError {
            throw firstError
        }
    }

    static func isValidTableName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D
            }
    }
}
