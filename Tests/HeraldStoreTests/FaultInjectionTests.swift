import HeraldTestSupport
import Testing

@testable import HeraldStore

#if canImport(Glibc)
import Glibc
#endif

// Failing system calls through FaultInjectingFileSystem: a write is never acknowledged unless it
// is on disk, and after a failed write or sync the table refuses writes.
@Suite struct FaultInjectionTests {
    typealias Fault = FaultInjectingFileSystem.Fault

    /// Writes keys from `writers` concurrent writers until every writer saw a failure (or
    /// `perWriter` writes succeeded); returns the acknowledged keys and the errors seen.
    static func writeUntilFailure(
        _ table: Table,
        writers: Int = 16,
        perWriter: Int = 40,
        tag: String = "k"
    ) async -> (acknowledged: [StoreKey], errors: [StoreError]) {
        let acknowledged = LockedBox<[StoreKey]>([])
        let errors = LockedBox<[StoreError]>([])
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for round in 0..<perWriter {
                        let key = StoreKey("\(tag)-\(writer)-\(round)")
                        do throws(StoreError) {
                            try await table.put(key, Array("value of \(key)".utf8))
                            acknowledged.mutate { $0.append(key) }
                        } catch {
                            errors.mutate { $0.append(error) }
                            return
                        }
                    }
                }
            }
        }
        return (acknowledged.value, errors.value)
    }

    /// Reopens the table on the real file system and checks every acknowledged key.
    static func expectAcknowledgedSurvive(_ fixture: StoreFixture, _ keys: [StoreKey]) async throws {
        try await fixture.withTable(options: StoreOptions()) { table in
            for key in keys {
                #expect(table.get(key) == Array("value of \(key)".utf8), "acknowledged \(key) is missing")
            }
            // The table accepts writes again after reopening.
            try await table.put("after-reopen", [1])
        }
    }

    static func open(
        _ fixture: StoreFixture,
        _ faults: FaultInjectingFileSystem,
        segmentSize: Int = 16 << 20
    ) throws
        -> Store
    {
        var options = StoreOptions(segmentSize: segmentSize)
        options.fileSystem = faults
        return try fixture.open(options)
    }

    @Test func aFailedSyncFailsItsWritesAndTheTableRefusesLaterOnes() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        let store = try Self.open(fixture, faults)
        let table = try await store.table("t")
        let before = await Self.writeUntilFailure(table, writers: 4, perWriter: 5, tag: "before")
        #expect(before.errors.isEmpty)
        #expect(table.failure == nil)

        faults.inject(Fault(.dataSync, pathContains: ".log", skip: 3, effect: .fail(errno: EIO)))
        let (acknowledged, errors) = await Self.writeUntilFailure(table)
        #expect(faults.firedCount == 1)
        #expect(errors.count == 16, "every writer must see the failure")
        #expect(errors.contains { $0.code == .ioError && $0.message.contains("not acknowledged") })
        #expect(errors.allSatisfy { $0.code == .ioError || $0.code == .tableFailed })
        let refused = await #expect(throws: StoreError.self) { try await table.put("later", [1]) }
        #expect(refused?.code == .tableFailed)
        #expect(table.get("later") == nil)
        #expect(table.failure?.code == .ioError)
        try? await store.close()

        try await Self.expectAcknowledgedSurvive(fixture, before.acknowledged + acknowledged)
    }

    @Test func aShortWriteFollowedByENOSPCIsNotAcknowledgedAndTheTornTailIsTruncated() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        let store = try Self.open(fixture, faults)
        let table = try await store.table("t")
        try await table.put("first", Array("value of first".utf8))
        faults.inject(Fault(.write, pathContains: ".log", skip: 2, effect: .shortWrite(bytes: 10)))
        faults.inject(Fault(.write, pathContains: ".log", effect: .fail(errno: ENOSPC)))
        let (acknowledged, errors) = await Self.writeUntilFailure(table, writers: 8)
        #expect(errors.contains { $0.code == .noSpace })
        #expect(errors.allSatisfy { $0.code == .noSpace || $0.code == .tableFailed })
        try? await store.close()

        try await Self.expectAcknowledgedSurvive(fixture, ["first"] + acknowledged)
        #expect(fixture.recorder.warnings.contains { $0.message.contains("torn") })
    }

    @Test func aShortWriteAloneIsCompletedTransparently() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        faults.inject(Fault(.write, pathContains: ".log", skip: 1, effect: .shortWrite(bytes: 3), persistent: true))
        let store = try Self.open(fixture, faults)
        let table = try await store.table("t")
        let (acknowledged, errors) = await Self.writeUntilFailure(table, writers: 4, perWriter: 10)
        #expect(errors.isEmpty)
        #expect(faults.firedCount > 10)
        try await store.close()
        try await Self.expectAcknowledgedSurvive(fixture, acknowledged)
        #expect(!fixture.recorder.warnings.contains { $0.message.contains("torn") })
    }

    @Test func noSpaceForANewSegmentFailsTheWritesThatNeedIt() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        let store = try Self.open(fixture, faults, segmentSize: 600)
        let table = try await store.table("t")
        faults.inject(Fault(.open, pathContains: ".log", skip: 1, effect: .fail(errno: ENOSPC)))
        let (acknowledged, errors) = await Self.writeUntilFailure(table, writers: 4)
        #expect(faults.firedCount == 1)
        #expect(errors.contains { $0.code == .noSpace })
        try? await store.close()
        try await Self.expectAcknowledgedSurvive(fixture, acknowledged)
    }

    @Test func aFailedDirectorySyncOnSegmentCreationFailsTheWrites() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        let store = try Self.open(fixture, faults, segmentSize: 600)
        let table = try await store.table("t")
        // Segment files are synced with fsync, the directory too; fail the first directory sync.
        faults.inject(Fault(.sync, pathContains: fixture.tablePath(), skip: 1, effect: .fail(errno: EIO)))
        let (acknowledged, errors) = await Self.writeUntilFailure(table, writers: 4)
        #expect(faults.firedCount == 1)
        #expect(!errors.isEmpty)
        try? await store.close()
        try await Self.expectAcknowledgedSurvive(fixture, acknowledged)
    }

    @Test func aFailedSnapshotLeavesTheTableWorking() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let faults = FaultInjectingFileSystem()
        let store = try Self.open(fixture, faults)
        let table = try await store.table("t")
        for number in 0..<50 {
            try await table.put(.number(number), testValue(number))
        }
        faults.inject(Fault(.write, pathContains: ".tmp", effect: .fail(errno: ENOSPC)))
        let error = await #expect(throws: StoreError.self) { try await table.snapshot() }
        #expect(error?.code == .noSpace)
        #expect(table.statistics.snapshotFailures == 1)
        #expect(try fixture.files().allSatisfy { !$0.hasSuffix(".tmp") && !$0.hasSuffix(".snapshot") })
        try await table.put(.number(50), testValue(50))
        try await table.snapshot()
        try await store.close()
        try await fixture.withTable { table in
            #expect(table.count == 51)
            #expect(table.statistics.recoveredRecords == 0)
        }
    }

    /// An I/O error reading the newest snapshot is not damage: start-up stops with the error, and
    /// recovery neither falls back to the older snapshot nor moves the newest aside.
    @Test func aSnapshotThatCannotBeReadStopsStartUpWithoutFallingBack() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await SnapshotTests.writeThreeGenerations(fixture)
        let snapshots = try fixture.snapshots()
        #expect(snapshots.count == 2)
        let faults = FaultInjectingFileSystem()
        faults.inject(Fault(.read, pathContains: ".snapshot", effect: .fail(errno: EIO)))
        let store = try Self.open(fixture, faults)
        let error = await #expect(throws: StoreError.self) { try await store.table("t") }
        try await store.close()
        #expect(faults.firedCount == 1)
        #expect(error?.code == .ioError)
        #expect(error?.path == fixture.tableFile(snapshots[1]))
        #expect(try fixture.snapshots() == snapshots)
        #expect(try fixture.files().allSatisfy { !$0.contains(".corrupt-") })
        #expect(!fixture.recorder.warnings.contains { $0.message.contains("Snapshot is unreadable") })
        try await fixture.withTable { table in
            try SnapshotTests.expectThreeGenerations(table)
            #expect(table.statistics.snapshotSequence == 120)
        }
    }

    /// Random faults at random moments under concurrent load: whatever fails, every
    /// acknowledged write is there after reopening, and recovery never fails.
    @Test(arguments: 1...12)
    func randomFaultsNeverLoseAcknowledgedWrites(seed: UInt64) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var random = SeededGenerator(seed: seed)
        let faults = FaultInjectingFileSystem()
        let effects: [(FaultInjectingFileSystem.Operation, FaultInjectingFileSystem.Effect)] = [
            (.dataSync, .fail(errno: EIO)),
            (.write, .fail(errno: ENOSPC)),
            (.write, .shortWrite(bytes: 7)),
            (.write, .crash),
            (.dataSync, .crashAfter),
            (.open, .fail(errno: ENOSPC)),
            (.sync, .fail(errno: EIO)),
        ]
        let (operation, effect) = effects[Int(random.next() % UInt64(effects.count))]
        // Segment creation (open, fsync) is rarer than appends (write, fdatasync).
        let skip = Int(random.next() % (operation == .open || operation == .sync ? 8 : 40))
        let store = try Self.open(fixture, faults, segmentSize: 700)
        let table = try await store.table("t")
        faults.inject(Fault(operation, pathContains: fixture.tablePath(), skip: skip, effect: effect))
        if case .shortWrite = effect {
            faults.inject(Fault(.write, pathContains: fixture.tablePath(), effect: .fail(errno: ENOSPC)))
        }
        let (acknowledged, errors) = await Self.writeUntilFailure(table, writers: 8, perWriter: 30)
        #expect(faults.firedCount >= 1, "the fault never fired")
        #expect(!errors.isEmpty)
        try? await store.close()
        try await Self.expectAcknowledgedSurvive(fixture, acknowledged)
    }
}
