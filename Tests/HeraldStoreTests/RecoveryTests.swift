import Testing

@testable import HeraldStore

@Suite struct RecoveryTests {
    /// Writes records 0..<count, one log record each, into table "t", and closes the store.
    static func writeRecords(_ fixture: StoreFixture, count: Int = 6) async throws {
        try await fixture.withTable { table in
            for number in 0..<count {
                try await table.put(.number(number), testValue(number))
            }
        }
    }

    /// Writes records 0..<count (see ``writeRecords(_:count:)``) and reads back the table's first
    /// segment: its path, its bytes and where its records lie.
    static func writtenSegment(
        _ fixture: StoreFixture,
        count: Int = 6
    ) async throws -> (path: String, bytes: [UInt8], records: [SegmentInspector.Located]) {
        try await writeRecords(fixture, count: count)
        let path = fixture.tableFile(try fixture.segments().first!)
        return (path, try Files.read(path), try SegmentInspector.records(path))
    }

    static func expectRecords(_ table: Table, present: Range<Int>, absent: Range<Int>) {
        for number in present {
            #expect(table.get(.number(number)) == testValue(number), "record \(number)")
        }
        for number in absent {
            #expect(table.get(.number(number)) == nil, "record \(number)")
        }
    }

    @Test func replayIsIdempotentAndInSequenceOrder() async throws {
        let fixture = try StoreFixture(options: StoreOptions(segmentSize: 512))
        defer { fixture.remove() }
        try await fixture.withTable { table in
            for round in 1...5 {
                for number in 0..<30 {
                    if (number + round) % 4 == 0 {
                        try await table.delete(.number(number))
                    } else {
                        try await table.put(.number(number), testValue(number, version: round))
                    }
                }
            }
        }
        #expect(try fixture.segments().count > 3)
        var states: [[StoreEntry]] = []
        for _ in 0..<3 {
            try await fixture.withTable { table in
                states.append(table.scan().entries)
                #expect(table.statistics.recoveredRecords == 150)
            }
        }
        #expect(states[0] == states[1] && states[1] == states[2])
        let expected = (0..<30).compactMap { number -> StoreEntry? in
            (number + 5) % 4 == 0 ? nil : StoreEntry(key: .number(number), value: testValue(number, version: 5))
        }
        #expect(states[0] == expected)
    }

    /// The last record cut at every byte offset: the earlier records all survive, the cut one is
    /// gone, a warning names file and offset, and the log carries on after the cut.
    @Test func aTornLastRecordIsTruncatedAtEveryCut() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (segment, pristine, records) = try await Self.writtenSegment(fixture)
        let last = records.last!
        #expect(last.end == pristine.count)

        for cut in last.start..<last.end {
            try Files.write(Array(pristine[..<cut]), to: segment)
            let recorder = LogRecorder()
            let store = try Store(path: fixture.path, logger: recorder.logger())
            let table = try await store.table("t")
            Self.expectRecords(table, present: 0..<5, absent: 5..<6)
            let warnings = recorder.warnings.filter { $0.message.contains("torn") }
            if cut == last.start {
                #expect(warnings.isEmpty, "cut at a record boundary is not torn")
            } else {
                #expect(warnings.count == 1, "cut at \(cut)")
                #expect(warnings.first?.metadata["store.file"] == segment)
                #expect(warnings.first?.metadata["store.offset"] == "\(last.start)")
            }
            #expect(try Files.read(segment).count == last.start)
            try await table.put(.number(6), testValue(6))
            try await store.close()
            try await fixture.withTable { table in
                Self.expectRecords(table, present: 0..<5, absent: 5..<6)
                #expect(table.get(.number(6)) == testValue(6))
            }
        }
    }

    @Test func aZeroedTailIsTruncated() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (segment, pristine, records) = try await Self.writtenSegment(fixture)
        let last = records.last!

        // The last record's bytes zeroed, and zeros past the end of the last record.
        let variants = [
            Array(pristine[..<last.start]) + [UInt8](repeating: 0, count: last.end - last.start),
            pristine + [UInt8](repeating: 0, count: 4096),
        ]
        for (variant, bytes) in variants.enumerated() {
            try Files.write(bytes, to: segment)
            try await fixture.withTable { table in
                Self.expectRecords(table, present: 0..<(variant == 0 ? 5 : 6), absent: (variant == 0 ? 5 : 6)..<6)
            }
            #expect(try Files.read(segment).count == (variant == 0 ? last.start : pristine.count))
        }
        #expect(fixture.recorder.warnings.filter { $0.message.contains("torn") }.count == 2)
    }

    @Test func aBadChecksumOnTheFinalRecordIsTruncated() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (segment, pristine, records) = try await Self.writtenSegment(fixture)
        var bytes = pristine
        let last = records.last!
        bytes[last.end - 1] ^= 0x01
        try Files.write(bytes, to: segment)
        try await fixture.withTable { table in
            Self.expectRecords(table, present: 0..<5, absent: 5..<6)
        }
        let warning = try #require(fixture.recorder.warnings.first { $0.message.contains("torn") })
        #expect(warning.metadata["store.offset"] == "\(last.start)")
        #expect(warning.metadata["store.problem"]?.contains("CRC-32C mismatch") == true)
    }

    /// Any damaged byte of a record in the middle stops start-up with an error naming the file
    /// and the record's offset; nothing is truncated.
    @Test func aDamagedMiddleRecordStopsStartUpNamingTheOffset() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (segment, pristine, records) = try await Self.writtenSegment(fixture)
        let middle = records[2]

        for position in middle.start..<middle.end {
            var bytes = pristine
            bytes[position] ^= 0x04
            try Files.write(bytes, to: segment)
            let store = try fixture.open()
            let error = await #expect(throws: StoreError.self, "byte \(position)") { try await store.table("t") }
            #expect(error?.code == .corruption)
            #expect(error?.path == segment)
            #expect(error?.offset == Int64(middle.start))
            #expect(error?.message.contains("\(segment) at offset \(middle.start)") == true)
            try await store.close()
            #expect(try Files.read(segment) == bytes, "recovery changed a damaged file")
        }
    }

    @Test func repairTruncatesAtTheFirstBadRecordAndKeepsACopy() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (segment, pristine, records) = try await Self.writtenSegment(fixture)
        var bytes = pristine
        let segmentName = try fixture.segments().first!
        let middle = records[2]
        bytes[middle.start + 20] ^= 0xFF
        try Files.write(bytes, to: segment)

        var options = StoreOptions()
        options.repair = true
        try await fixture.withTable(options: options) { table in
            Self.expectRecords(table, present: 0..<2, absent: 2..<6)
            try await table.put(.number(9), testValue(9))
        }
        let copies = try fixture.files().filter { $0.hasPrefix(segmentName + ".corrupt-") }
        #expect(copies.count == 1)
        #expect(try Files.read(fixture.tableFile(copies[0])) == bytes)
        #expect(
            fixture.recorder.warnings.contains {
                $0.message.contains("Repair") && $0.metadata["store.offset"] == "\(middle.start)"
            }
        )
        // Without the flag from now on: the repaired log reads cleanly.
        try await fixture.withTable { table in
            Self.expectRecords(table, present: 0..<2, absent: 2..<6)
            #expect(table.get(.number(9)) == testValue(9))
        }
    }

    @Test func aBadLastRecordOfAnEarlierSegmentIsCorruptionNotATornTail() async throws {
        let fixture = try StoreFixture(options: StoreOptions(segmentSize: 100))
        defer { fixture.remove() }
        let (first, pristine, records) = try await Self.writtenSegment(fixture, count: 12)
        var bytes = pristine
        #expect(try fixture.segments().count > 2)
        let last = records.last!
        bytes[last.end - 1] ^= 0x01
        try Files.write(bytes, to: first)
        let store = try fixture.open()
        let error = await #expect(throws: StoreError.self) { try await store.table("t") }
        #expect(error?.code == .corruption && error?.path == first && error?.offset == Int64(last.start))
        try await store.close()
    }

    @Test func aMissingSegmentInTheMiddleIsCorruption() async throws {
        let fixture = try StoreFixture(options: StoreOptions(segmentSize: 100))
        defer { fixture.remove() }
        try await Self.writeRecords(fixture, count: 12)
        let segments = try fixture.segments()
        try Files.remove(fixture.tableFile(segments[1]))
        let store = try fixture.open()
        let error = await #expect(throws: StoreError.self) { try await store.table("t") }
        #expect(error?.code == .corruption)
        #expect(error?.message.contains("starts at sequence") == true)
        try await store.close()
    }

    @Test func leftoversOfInterruptedOperationsAreCleanedUp() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.writeRecords(fixture)
        // An unfinished snapshot and a segment whose creation was cut short.
        try Files.write([1, 2, 3], to: fixture.tableFile(TableDirectory.snapshotName(3) + ".tmp"))
        let torn = fixture.tableFile(TableDirectory.segmentName(7))
        try Files.write(Array(SegmentHeader(firstSequence: 7).encoded()[..<10]), to: torn)
        try await fixture.withTable { table in
            Self.expectRecords(table, present: 0..<6, absent: 6..<7)
            try await table.put(.number(6), testValue(6))
        }
        #expect(try fixture.files().allSatisfy { !$0.hasSuffix(".tmp") })
        #expect(fixture.recorder.warnings.contains { $0.metadata["store.file"] == torn })
        try await fixture.withTable { table in
            Self.expectRecords(table, present: 0..<7, absent: 7..<8)
        }
    }

    @Test func anAllZeroLastSegmentIsRemovedAsACreationCutShort() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.writeRecords(fixture)
        let zeroed = fixture.tableFile(TableDirectory.segmentName(7))
        try Files.write([UInt8](repeating: 0, count: 4096), to: zeroed)
        try await fixture.withTable { table in
            Self.expectRecords(table, present: 0..<6, absent: 6..<7)
        }
        #expect(!Files.exists(zeroed))
        #expect(
            fixture.recorder.warnings.contains {
                $0.metadata["store.file"] == zeroed && $0.message.contains("cut short")
                    && $0.metadata["store.table"] == "t"
            }
        )
    }

    @Test func aForeignFileIsNotMistakenForASegment() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.writeRecords(fixture)
        try Files.write(
            Array("not a segment at all, just some text that is long enough".utf8),
            to: fixture.tableFile(TableDirectory.segmentName(1_000))
        )
        let store = try fixture.open()
        let error = await #expect(throws: StoreError.self) { try await store.table("t") }
        #expect(error?.code == .corruption)
        #expect(error?.message.contains("bad magic") == true)
        try await store.close()
    }
}
