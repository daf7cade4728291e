import HeraldTestSupport
import Testing

@testable import HeraldStore

@Suite struct SnapshotTests {
    @Test func recoveryStartsFromTheSnapshotAndReplaysOnlyLaterRecords() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for number in 0..<100 {
                try await table.put(.number(number), testValue(number))
            }
            try await table.snapshot()
            #expect(table.statistics.snapshotSequence == 100)
            for number in 0..<50 {
                if number % 2 == 0 {
                    try await table.delete(.number(number))
                } else {
                    try await table.put(.number(number), testValue(number, version: 2))
                }
            }
        }
        #expect(try fixture.snapshots() == [TableDirectory.snapshotName(100)])
        try await fixture.withTable { table in
            #expect(table.statistics.recoveredRecords == 50)
            #expect(table.count == 75)
            for number in 0..<100 {
                let expected: [UInt8]? =
                    number >= 50 ? testValue(number) : number % 2 == 0 ? nil : testValue(number, version: 2)
                #expect(table.get(.number(number)) == expected)
            }
        }
    }

    @Test func snapshotsStartAutomaticallyPastTheThresholdAndRetireOldFiles() async throws {
        let fixture = try StoreFixture(options: StoreOptions(segmentSize: 1024, snapshotThreshold: 4096))
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for number in 0..<600 {
                try await table.put(.number(number % 150), testValue(number))
            }
            try await poll("the snapshot to finish") { !table.isWritingSnapshot }
            let statistics = table.statistics
            #expect(statistics.snapshotsWritten >= 3)
            #expect(statistics.snapshotFailures == 0)
        }
        // Two snapshots are kept, and only the segments holding records after the older one: the
        // first reaches back to the record after it, every later one starts past it.
        let snapshotSequences = try fixture.snapshots().map { UInt64($0.prefix(20))! }
        try #require(snapshotSequences.count == 2)
        let segmentStarts = try fixture.segments().map { UInt64($0.prefix(20))! }
        try #require(!segmentStarts.isEmpty)
        #expect(segmentStarts[0] <= snapshotSequences[0] + 1)
        for (earlier, later) in zip(segmentStarts, segmentStarts.dropFirst()) {
            #expect(earlier < later)
            #expect(later - 1 > snapshotSequences[0], "segment \(earlier) holds no record after the snapshot")
        }
        try await fixture.withTable { table in
            #expect(table.count == 150)
            #expect(table.statistics.recoveredRecords < 600)
            for number in 450..<600 {
                #expect(table.get(.number(number % 150)) == testValue(number))
            }
        }
    }

    @Test func writersKeepGoingWhileASnapshotIsWritten() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.withTable { table in
            var batch = StoreWriteBatch()
            for number in 0..<20_000 {
                batch.put(.number(number), testValue(number))
            }
            try await table.write(batch)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await table.snapshot() }
                for writer in 0..<8 {
                    group.addTask {
                        for round in 0..<50 {
                            let number = 20_000 + writer * 100 + round
                            try await table.put(.number(number), testValue(number))
                            try await table.put(.number(round), testValue(round, version: 2))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await fixture.withTable { table in
            #expect(table.count == 20_400)
            #expect(table.get(.number(49)) == testValue(49, version: 2))
            #expect(table.get(.number(50)) == testValue(50))
            #expect(table.get(.number(20_701)) == testValue(20_701))
        }
    }

    /// A damaged newest snapshot: the previous snapshot plus the log (kept for this) rebuild the
    /// same state, and the damaged file is moved aside.
    @Test func aCorruptNewestSnapshotFallsBackToThePreviousOne() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.writeThreeGenerations(fixture)
        let snapshots = try fixture.snapshots()
        #expect(snapshots.count == 2)
        let newest = fixture.tableFile(snapshots[1])
        var bytes = try Files.read(newest)
        bytes[bytes.count / 2] ^= 0x01
        try Files.write(bytes, to: newest)

        try await fixture.withTable { table in
            try Self.expectThreeGenerations(table)
            #expect(table.statistics.recoveredRecords == 120, "replayed from the first snapshot")
        }
        #expect(
            fixture.recorder.warnings.contains {
                $0.metadata["store.file"] == newest && $0.message.contains("Snapshot")
            }
        )
        #expect(try fixture.files().contains { $0.hasPrefix(snapshots[1] + ".corrupt-") })
        try await fixture.withTable { table in
            try Self.expectThreeGenerations(table)
        }
    }

    @Test func aCorruptNewestSnapshotWithoutTheLogToReplaceItFailsLoudly() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.writeThreeGenerations(fixture)
        let snapshots = try fixture.snapshots()
        let newest = fixture.tableFile(snapshots[1])
        var bytes = try Files.read(newest)
        bytes[bytes.count - 1] ^= 0x01
        try Files.write(bytes, to: newest)
        // Remove the log between the two snapshots.
        let older = UInt64(snapshots[0].prefix(20))!
        for segment in try fixture.segments() where UInt64(segment.prefix(20))! <= older + 1 {
            try Files.remove(fixture.tableFile(segment))
        }
        let store = try fixture.open()
        let error = await #expect(throws: StoreError.self) { try await store.table("t") }
        #expect(error?.code == .corruption)
        #expect(error?.message.contains(snapshots[1]) == true)
        #expect(error?.message.contains("CRC-32C mismatch") == true)
        try await store.close()
    }

    /// The process dies right after a snapshot's rename, before old files are removed: at
    /// restart the newest snapshot is used, each later record is applied exactly once, and the
    /// left-over files are removed.
    @Test func aCrashBetweenSnapshotRenameAndFileRemovalRecoversExactlyOnce() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        faults.inject(.init(.rename, pathContains: ".snapshot", skip: 1, effect: .crashAfter))
        var options = StoreOptions()
        options.fileSystem = faults
        let store = try fixture.open(options)
        let table = try await store.table("t")
        for number in 0..<40 {
            try await table.put(.number(number), testValue(number))
        }
        try await table.snapshot()
        for number in 0..<40 {
            if number % 3 == 0 {
                try await table.delete(.number(number))
            } else {
                try await table.put(.number(number), testValue(number, version: 2))
            }
        }
        await #expect(throws: StoreError.self) { try await table.snapshot() }
        #expect(faults.hasCrashed)
        await #expect(throws: StoreError.self) { try await table.put("after-crash", [1]) }
        try? await store.close()

        let leftBehind = try fixture.files()
        #expect(leftBehind.filter { $0.hasSuffix(".snapshot") }.count == 2)
        try await fixture.withTable { table in
            #expect(table.statistics.recoveredRecords == 0, "records covered by the snapshot were replayed")
            #expect(table.statistics.snapshotSequence == 80)
            #expect(table.get("after-crash") == nil)
            for number in 0..<40 {
                #expect(table.get(.number(number)) == (number % 3 == 0 ? nil : testValue(number, version: 2)))
            }
            try await table.put(.number(100), testValue(100))
        }
        try await fixture.withTable { table in
            #expect(table.statistics.recoveredRecords == 1)
            #expect(table.count == 27)
        }
    }

    /// Three generations of writes with a snapshot after the first and the second.
    static func writeThreeGenerations(_ fixture: StoreFixture) async throws {
        try await fixture.withTable { table in
            for generation in 1...3 {
                for number in 0..<60 {
                    try await table.put(.number(number), testValue(number, version: generation))
                }
                if generation < 3 {
                    try await table.snapshot()
                }
            }
        }
    }

    static func expectThreeGenerations(_ table: Table) throws {
        #expect(table.count == 60)
        for number in 0..<60 {
            #expect(table.get(.number(number)) == testValue(number, version: 3))
        }
    }
}
