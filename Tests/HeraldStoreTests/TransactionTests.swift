import Testing

@testable import HeraldStore

@Suite struct TransactionTests {
    struct Conflict: Error {}

    @Test func transactionsSeeTheirOwnWritesAndCommitThemAtomically() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            try await table.put("a", [1])
            let seen = try await table.transaction { transaction -> [UInt8]? in
                transaction.put("b", [2])
                transaction.delete("a")
                #expect(transaction.get("a") == nil)
                #expect(transaction.scan().entries.map(\.key) == ["b"])
                return transaction.get("b")
            }
            #expect(seen == [2])
            #expect(table.scan().entries == [StoreEntry(key: "b", value: [2])])
            #expect(table.statistics.appendedRecords == 2)
        }
    }

    @Test func aThrowingBodyWritesNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            await #expect(throws: Conflict.self) {
                try await table.transaction { transaction in
                    transaction.put("a", [1])
                    throw Conflict()
                }
            }
            #expect(table.get("a") == nil)
            #expect(table.statistics.appendedRecords == 0)
        }
    }

    /// Concurrent read-modify-write increments: without isolation some would be lost.
    @Test func concurrentIncrementsAreSerializable() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        for _ in 0..<10 {
                            try await table.transaction { transaction in
                                let current =
                                    transaction.get("counter").map { Int(String(decoding: $0, as: UTF8.self))! } ?? 0
                                transaction.put("counter", Array(String(current + 1).utf8))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(table.get("counter") == Array("320".utf8))
            #expect(table.statistics.groupCommits < 320, "transactions were not group-committed")
        }
    }

    /// A version check (optimistic concurrency) made in a transaction holds for its write.
    @Test func versionChecksRejectStaleUpdates() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            try await table.put("contact", [1])
            func update(expecting version: UInt8) async throws {
                try await table.transaction { transaction in
                    guard transaction.get("contact") == [version] else { throw Conflict() }
                    transaction.put("contact", [version + 1])
                }
            }
            try await update(expecting: 1)
            await #expect(throws: Conflict.self) { try await update(expecting: 1) }
            try await update(expecting: 2)
            #expect(table.get("contact") == [3])
        }
    }

    @Test func transactionScansMergeQueuedAndOwnWrites() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for key in ["p/1", "p/3", "p/5", "q/1"] {
                try await table.put(StoreKey(key), Array(key.utf8))
            }
            let page = try await table.transaction { transaction -> StoreScanPage in
                transaction.put("p/2", [2])
                transaction.delete("p/3")
                transaction.put("p/5", [5])
                transaction.put("p/9", [9])
                return transaction.scan(prefix: "p/", limit: 3)
            }
            #expect(page.entries.map(\.key) == ["p/1", "p/2", "p/5"])
            #expect(page.entries[2].value == [5])
            #expect(page.nextKey == "p/9")
            #expect(table.entries(withPrefix: "p/").map(\.key) == ["p/1", "p/2", "p/5", "p/9"])
        }
    }
}
