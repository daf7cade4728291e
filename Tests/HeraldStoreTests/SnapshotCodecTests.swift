import HeraldProtos
import Testing

@testable import HeraldStore

@Suite struct SnapshotCodecTests {
    static func encode(_ entries: [(String, [UInt8])], sequence: UInt64, chunkEvery: Int = 3) throws -> [UInt8] {
        var encoder = try SnapshotEncoder(
            header: StoreSnapshotHeader(table: "t", lastSequence: sequence, entryCount: UInt64(entries.count))
        )
        var bytes: [UInt8] = []
        for (position, (key, value)) in entries.enumerated() {
            encoder.append(key: Array(key.utf8), value: value)
            if position % chunkEvery == 0 {
                bytes += encoder.takePending()
            }
        }
        return bytes + encoder.finish()
    }

    static func decode(_ bytes: [UInt8], chunk: Int) throws -> (entries: [StoreEntry], sequence: UInt64) {
        var decoder = SnapshotDecoder(fileSize: Int64(bytes.count))
        var entries: [StoreEntry] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try decoder.consume(Array(bytes[offset..<end])) { entries.append(StoreEntry(key: $0, value: $1)) }
            offset = end
        }
        let (header, sequence) = try decoder.finish()
        #expect(header.table == "t")
        return (entries, sequence)
    }

    static let sample: [(String, [UInt8])] = (0..<40).map {
        ("key-\(1000 + $0)", Array(repeating: UInt8($0), count: $0 * 3))
    }

    @Test(arguments: [1, 2, 7, 64, 100_000])
    func roundTripWhateverTheChunkSize(chunk: Int) throws {
        let bytes = try Self.encode(Self.sample, sequence: 99)
        let (entries, sequence) = try Self.decode(bytes, chunk: chunk)
        #expect(sequence == 99)
        #expect(entries.map(\.key) == Self.sample.map { StoreKey($0.0) })
        #expect(entries.map(\.value) == Self.sample.map(\.1))
    }

    @Test func emptySnapshotRoundTrips() throws {
        let bytes = try Self.encode([], sequence: 0)
        #expect(try Self.decode(bytes, chunk: 5).entries.isEmpty)
    }

    @Test func everyByteChangeIsDetected() throws {
        let bytes = try Self.encode(Array(Self.sample.prefix(4)), sequence: 7)
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x10
            #expect(throws: SnapshotDecoder.Problem.self, "byte \(position)") {
                try Self.decode(damaged, chunk: 13)
            }
        }
    }

    @Test func truncationIsDetected() throws {
        let bytes = try Self.encode(Array(Self.sample.prefix(4)), sequence: 7)
        for cut in 0..<bytes.count {
            #expect(throws: SnapshotDecoder.Problem.self, "cut at \(cut)") {
                try Self.decode(Array(bytes[..<cut]), chunk: 9)
            }
        }
    }
}
