import HeraldTestSupport
import Testing

@testable import HeraldStore

@Suite struct DurabilityTests {
    @Test func alwaysSyncsEveryGroupCommitBeforeAcknowledging() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        var options = StoreOptions()
        options.fileSystem = faults
        try await fixture.withTable(options: options) { table in
            let before = faults.count(of: .dataSync)
            for number in 0..<10 {
                try await table.put(.number(number), testValue(number))
                // The sync happened before the write returned.
                #expect(faults.count(of: .dataSync) == before + number + 1)
            }
            #expect(table.statistics.syncs == 10)
        }
    }

    @Test func intervalAcknowledgesBeforeSyncing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        // The first sync is a minute away: every put below is acknowledged before it.
        var options = StoreOptions(durability: .interval(milliseconds: 60_000))
        options.fileSystem = faults
        try await fixture.withTable(options: options) { table in
            let before = faults.count(of: .dataSync)
            for number in 0..<50 {
                try await table.put(.number(number), testValue(number))
            }
            #expect(faults.count(of: .dataSync) == before)
            #expect(table.statistics.syncs == 0)
            #expect(table.statistics.appendedRecords == 50)
        }
        try await fixture.withTable { table in
            #expect(table.count == 50)
        }
    }

    @Test func intervalSyncsSoonAfterAWrite() async throws {
        let fixture = try StoreFixture(options: StoreOptions(durability: .interval(milliseconds: 20)))
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for number in 0..<50 {
                try await table.put(.number(number), testValue(number))
            }
            try await poll("a sync on the interval") { table.statistics.syncs >= 1 }
        }
        try await fixture.withTable { table in
            #expect(table.count == 50)
        }
    }

    @Test func noneNeverSyncsWhileWriting() async throws {
        let fixture = try StoreFixture(options: StoreOptions(durability: .none))
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for number in 0..<50 {
                try await table.put(.number(number), testValue(number))
            }
            #expect(table.statistics.syncs == 0)
            #expect(table.statistics.appendedRecords == 50)
        }
        try await fixture.withTable { table in
            #expect(table.count == 50)
        }
    }

    @Test func oneRecordPerSyncWhenGroupCommitIsOff() async throws {
        let fixture = try StoreFixture(options: StoreOptions(maximumRecordsPerSync: 1))
        defer { fixture.remove() }
        try await fixture.withTable { table in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for round in 0..<5 {
                            try await table.put(.number(writer * 10 + round), [])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(table.statistics.syncs == 40)
            #expect(table.statistics.groupCommits == 40)
        }
    }
}
