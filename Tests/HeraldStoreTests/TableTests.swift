import Testing

@testable import HeraldStore

@Suite struct TableTests {
    @Test func putGetDeleteAndOverwrite() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            #expect(table.get("missing") == nil)
            try await table.put("a", [1])
            try await table.put("b", [2])
            try await table.put("a", [3])
            #expect(table.get("a") == [3])
            #expect(table.get("b") == [2])
            try await table.delete("b")
            try await table.delete("never-existed")
            #expect(table.get("b") == nil)
            #expect(table.count == 1)
            try await table.put("empty", [])
            #expect(table.get("empty") == [])
            #expect(table.contains("empty"))
        }
        try await fixture.withTable { table in
            #expect(table.get("a") == [3])
            #expect(table.get("b") == nil)
            #expect(table.get("empty") == [])
            #expect(table.count == 2)
        }
    }

    @Test func batchesApplyInOrderAndAtomically() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            var batch = StoreWriteBatch()
            batch.put("x", [1])
            batch.put("y", [2])
            batch.delete("x")
            batch.put("z", [3])
            batch.put("y", [4])
            try await table.write(batch)
            #expect(table.scan().entries == [StoreEntry(key: "y", value: [4]), StoreEntry(key: "z", value: [3])])
            #expect(table.statistics.appendedRecords == 1)
            try await table.write(StoreWriteBatch())
            #expect(table.statistics.appendedRecords == 1)
        }
    }

    @Test func invalidKeysAreRejectedWithoutWriting() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            await #expect(throws: StoreError.self) { try await table.put(StoreKey(bytes: []), [1]) }
            let long = StoreKey(bytes: Array(repeating: 1, count: StoreKey.maximumLength + 1))
            let error = await #expect(throws: StoreError.self) { try await table.put(long, [1]) }
            #expect(error?.code == .invalidArgument)
            try await table.put(StoreKey(bytes: Array(repeating: 1, count: StoreKey.maximumLength)), [1])
            #expect(table.statistics.appendedRecords == 1)
        }
    }

    @Test func scansPageInKeyOrder() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            var batch = StoreWriteBatch()
            for number in (0..<250).shuffled() {
                batch.put(.number(number), testValue(number))
            }
            try await table.write(batch)

            var collected: [StoreEntry] = []
            var next: StoreKey? = nil
            var pages = 0
            repeat {
                let page = table.scan(from: next, limit: 40)
                #expect(page.entries.count <= 40)
                collected += page.entries
                next = page.nextKey
                pages += 1
            } while next != nil
            #expect(pages == 7)
            #expect(collected.map(\.key) == (0..<250).map { StoreKey.number($0) })
            #expect(collected.map(\.value) == (0..<250).map { testValue($0) })

            let exact = table.scan(limit: 250)
            #expect(exact.entries.count == 250 && exact.nextKey == nil)
            let fromMiddle = table.scan(from: "key-000100x", limit: 2)
            #expect(fromMiddle.entries.map(\.key) == [.number(101), .number(102)])
            #expect(fromMiddle.nextKey == .number(103))
            #expect(table.scan(limit: 0).entries.isEmpty)
        }
    }

    @Test func prefixScansStayInsideThePrefix() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for key in ["t1/a", "t1/b", "t1/c", "t10/a", "t2/a", "t1"] {
                try await table.put(StoreKey(key), Array(key.utf8))
            }
            #expect(table.entries(withPrefix: "t1/").map(\.key) == ["t1/a", "t1/b", "t1/c"])
            let first = table.scan(prefix: "t1/", limit: 2)
            #expect(first.entries.map(\.key) == ["t1/a", "t1/b"] && first.nextKey == "t1/c")
            let second = table.scan(from: first.nextKey, prefix: "t1/", limit: 2)
            #expect(second.entries.map(\.key) == ["t1/c"] && second.nextKey == nil)
            #expect(table.scan(from: "a", prefix: "t2/").entries.map(\.key) == ["t2/a"])
            #expect(table.scan(from: "zzz", prefix: "t2/").entries.isEmpty)
            #expect(table.scan(prefix: "nothing").entries.isEmpty)
        }
    }

    @Test func manyConcurrentWritersAreGroupCommitted() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<64 {
                    group.addTask {
                        for round in 0..<20 {
                            let number = writer * 100 + round
                            try await table.put(.number(number), testValue(number))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let statistics = table.statistics
            #expect(statistics.appendedRecords == 1280)
            #expect(statistics.syncs == statistics.groupCommits)
            #expect(statistics.groupCommits < statistics.appendedRecords, "no write shared a sync")
            #expect(table.count == 1280)
        }
        try await fixture.withTable { table in
            #expect(table.count == 1280)
            for writer in 0..<64 {
                for round in 0..<20 {
                    let number = writer * 100 + round
                    #expect(table.get(.number(number)) == testValue(number))
                }
            }
        }
    }

    @Test func sequenceNumbersIncreaseByOnePerRecord() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for number in 0..<10 {
                try await table.put(.number(number), [])
            }
            #expect(table.statistics.lastSequence == 10)
        }
        try await fixture.withTable { table in
            #expect(table.statistics.lastSequence == 10)
            try await table.put("next", [])
            #expect(table.statistics.lastSequence == 11)
        }
        let sequences = try SegmentInspector.records(fixture.tableFile(fixture.segments().last!)).map(\.sequence)
        #expect(sequences == Array(1...11))
    }

    @Test func protobufMessagesAsValues() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            let entry = StoreSnapshotEntryMessage.sample
            try await table.put("message", message: entry)
            #expect(try table.get("message", as: StoreSnapshotEntryMessage.self) == entry)
            #expect(try table.get("absent", as: StoreSnapshotEntryMessage.self) == nil)
            try await table.put("garbage", [0xFF, 0xFF])
            #expect(throws: (any Error).self) { try table.get("garbage", as: StoreSnapshotEntryMessage.self) }
        }
    }

    @Test func writesAfterCloseAreRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let table = try await store.table("t")
        try await table.put("a", [1])
        try await store.close()
        let error = await #expect(throws: StoreError.self) { try await table.put("b", [1]) }
        #expect(error?.code == .closed)
        #expect(table.get("a") == [1])
        await #expect(throws: StoreError.self) { try await store.table("t") }
    }
}
