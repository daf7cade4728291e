import HeraldProtos
import Testing

@testable import HeraldStore

@Suite struct BatchCodecTests {
    static let batches: [[Mutation]] = [
        [Mutation(key: "a", value: [1, 2, 3])],
        [Mutation(key: "key", value: [])],
        [Mutation(key: "gone", value: nil)],
        [
            Mutation(key: "tenant/ct_1", value: Array(repeating: 7, count: 300)),
            Mutation(key: StoreKey(bytes: [0, 0xFF, 0x80]), value: nil),
            Mutation(
                key: StoreKey(bytes: Array(repeating: 0x61, count: 4096)),
                value: Array(repeating: 1, count: 20_000)
            ),
        ],
    ]

    /// The generated message for the same mutations.
    static func generated(_ mutations: [Mutation]) -> StoreBatch {
        StoreBatch(
            mutations: mutations.map {
                StoreMutation(kind: $0.value == nil ? .delete : .put, key: $0.key.bytes, value: $0.value ?? [])
            }
        )
    }

    @Test(arguments: batches)
    func encodingMatchesTheGeneratedMessage(mutations: [Mutation]) throws {
        let expected = try Self.generated(mutations).serializedBytes()
        #expect(BatchCodec.encodeBatch(mutations) == expected)
    }

    @Test(arguments: batches)
    func decodingRoundTripsAndReadsTheGeneratedEncoding(mutations: [Mutation]) throws {
        #expect(try BatchCodec.decodeBatch(BatchCodec.encodeBatch(mutations)) == mutations)
        let generated = try StoreBatch(serializedBytes: BatchCodec.encodeBatch(mutations))
        #expect(generated == Self.generated(mutations))
    }

    @Test func decodingAcceptsReorderedAndUnknownFields() throws {
        // StoreBatch { unknown varint field 9 = 5; mutations { value = "v"; unknown fixed32; key = "k"; kind = PUT } }
        let mutation: [UInt8] = [0x1A, 1, 0x76, 0x25, 1, 2, 3, 4, 0x12, 1, 0x6B, 0x08, 1]
        let batch: [UInt8] = [0x48, 5] + [0x0A, UInt8(mutation.count)] + mutation
        #expect(try BatchCodec.decodeBatch(batch) == [Mutation(key: "k", value: [0x76])])
        #expect(
            try StoreBatch(serializedBytes: batch).mutations == [StoreMutation(kind: .put, key: [0x6B], value: [0x76])]
        )
    }

    @Test(arguments: [
        ("empty batch", [UInt8]()),
        ("truncated length", [0x0A, 5, 0x08, 1]),
        ("kind unspecified", [0x0A, 3, 0x12, 1, 0x6B]),
        ("unknown kind", [0x0A, 5, 0x08, 7, 0x12, 1, 0x6B]),
        ("no key", [0x0A, 2, 0x08, 1]),
        ("group wire type", [0x0B, 0x0C]),
        ("key with wire type 0", [0x0A, 4, 0x08, 1, 0x10, 1]),
        ("endless varint", [0x48] + [UInt8](repeating: 0xFF, count: 11)),
    ])
    func malformedBatchesAreRejected(name: String, bytes: [UInt8]) {
        #expect(throws: BatchCodec.DecodingError.self, "\(name)") { try BatchCodec.decodeBatch(bytes) }
    }

    @Test func snapshotEntriesMatchTheGeneratedMessage() throws {
        for (key, value) in [([UInt8](arrayLiteral: 1), [UInt8]()), (Array("k".utf8), Array(repeating: 9, count: 200))]
        {
            var encoded: [UInt8] = []
            BatchCodec.appendSnapshotEntry(key: key, value: value, to: &encoded)
            #expect(encoded == (try StoreSnapshotEntry(key: key, value: value).serializedBytes()))
            #expect(encoded.count == BatchCodec.snapshotEntrySize(key: key, value: value))
            let decoded = try encoded.withUnsafeBytes { try BatchCodec.decodeSnapshotEntry($0) }
            #expect(decoded.0 == StoreKey(bytes: key) && decoded.1 == value)
        }
    }
}
