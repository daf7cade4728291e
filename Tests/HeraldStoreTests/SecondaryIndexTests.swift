import Testing

@testable import HeraldStore

@Suite struct SecondaryIndexTests {
    /// Values are "name,phone,phone…": indexed by each phone.
    static let phones = TableIndex("phone") { _, value in
        String(decoding: value, as: UTF8.self).split(separator: ",").dropFirst().map { StoreKey(String($0)) }
    }

    static func contact(_ name: String, _ phones: String...) -> [UInt8] {
        Array(([name] + phones).joined(separator: ",").utf8)
    }

    struct Taken: Error {}

    @Test func lookupsFollowPutsOverwritesAndDeletes() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable(indexes: [Self.phones]) { table in
            try await table.put("ct_1", Self.contact("Ann", "+8613900000001", "+8613900000002"))
            try await table.put("ct_2", Self.contact("Bob", "+8613900000003"))
            #expect(try table.lookup("phone", "+8613900000002") == ["ct_1"])
            try await table.put("ct_1", Self.contact("Ann", "+8613900000003"))
            #expect(try table.lookup("phone", "+8613900000002").isEmpty)
            #expect(try table.lookup("phone", "+8613900000003") == ["ct_1", "ct_2"])
            try await table.delete("ct_2")
            #expect(try table.lookup("phone", "+8613900000003") == ["ct_1"])
            #expect(throws: StoreError.self) { try table.lookup("email", "x") }
        }
        // Rebuilt from the log at open.
        try await fixture.withTable(indexes: [Self.phones]) { (table: Table) async throws in
            #expect(try table.lookup("phone", "+8613900000003") == ["ct_1"])
            #expect(try table.lookup("phone", "+8613900000001").isEmpty)
        }
    }

    @Test func indexScansOrderByIndexKeyThenPrimaryKeyAndPage() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable(indexes: [Self.phones]) { table in
            try await table.put("ct_3", Self.contact("C", "+861", "+862"))
            try await table.put("ct_1", Self.contact("A", "+862"))
            try await table.put("ct_2", Self.contact("B", "+86"))
            try await table.put("ct_4", Self.contact("D", "+1"))
            let all = try table.scanIndex("phone", prefix: "+86")
            #expect(all.map(\.indexKey) == ["+86", "+861", "+862", "+862"])
            #expect(all.map(\.key) == ["ct_2", "ct_3", "ct_1", "ct_3"])
            let first = try table.scanIndex("phone", prefix: "+86", limit: 2)
            let rest = try table.scanIndex("phone", prefix: "+86", after: first.last, limit: 10)
            #expect(first + rest == all)
        }
    }

    @Test func indexKeysWithZeroBytesKeepTheirOrder() {
        let keys: [StoreKey] = [
            StoreKey(bytes: [1]), StoreKey(bytes: [1, 0]), StoreKey(bytes: [1, 0, 0]), StoreKey(bytes: [1, 1]),
        ]
        let composites = keys.map { SecondaryIndexes.composite($0, "pk") }
        #expect(composites == composites.sorted())
        for (key, composite) in zip(keys, composites) {
            #expect(SecondaryIndexes.split(composite) == StoreIndexEntry(indexKey: key, key: "pk"))
        }
    }

    /// Uniqueness checked in a transaction holds even against writes that are not durable yet.
    @Test func uniquenessChecksInTransactionsSeeQueuedWrites() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable(indexes: [Self.phones]) { (table: Table) async throws in
            let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for number in 0..<40 {
                    group.addTask {
                        do {
                            try await table.transaction { transaction in
                                guard try transaction.lookup("phone", "+8613912345678").isEmpty else { throw Taken() }
                                transaction.put(StoreKey("ct_\(number)"), Self.contact("N\(number)", "+8613912345678"))
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try table.lookup("phone", "+8613912345678").count == 1)
            #expect(table.count == 1)
        }
    }

    @Test func reopeningWithOtherIndexNamesIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        _ = try await store.table("t", indexes: [Self.phones])
        _ = try await store.table("t")
        await #expect(throws: StoreError.self) {
            try await store.table("t", indexes: [TableIndex("email") { _, _ in [] }])
        }
        try await store.close()
    }
}
