import HeraldTestSupport
import Testing

@testable import HeraldStore

/// Recovery's bulk replay must end in exactly the state that applying every mutation in log
/// order gives, whatever the keys look like.
@Suite struct ReplayedChangesTests {
    /// Keys built to stress the sort: a long shared prefix, keys that are prefixes of others,
    /// keys differing only past the 16 bytes compared as integers, and zero bytes.
    static func key(_ number: UInt64, shape: UInt64) -> [UInt8] {
        switch shape % 4 {
        case 0: Array("tenant-0001/ct_\(number % 700)".utf8)
        case 1: Array("tenant-0001/ct_0000000000000000\(number % 300)".utf8)
        case 2: Array("t\(number % 50)".utf8) + [UInt8](repeating: 0, count: Int(number % 3))
        default: Array(String(number % 97, radix: 2).utf8)
        }
    }

    /// `mutations` applied one by one to `base`: the reference.
    static func appliedOneByOne(_ mutations: [Mutation], to base: OrderedIndex) -> OrderedIndex {
        var index = base
        for mutation in mutations {
            index.apply(mutation)
        }
        return index
    }

    static func randomMutations(_ count: Int, _ random: inout SeededGenerator, shapes: UInt64) -> [Mutation] {
        (0..<count).map { step in
            let key = StoreKey(bytes: key(random.next(), shape: random.next() % shapes))
            let isDelete = random.next() % 4 == 0
            return Mutation(key: key, value: isDelete ? nil : [UInt8(step & 0xFF), UInt8(step >> 8 & 0xFF)])
        }
    }

    static func replayed(_ mutations: [Mutation], onto base: OrderedIndex) -> OrderedIndex {
        var changes = ReplayedChanges()
        for mutation in mutations {
            mutation.key.bytes.withUnsafeBytes { changes.record(key: $0, value: mutation.value) }
        }
        return changes.applied(to: base)
    }

    @Test(arguments: [
        (seed: 1, baseSize: 0, changes: 5_000, shapes: 4),
        (seed: 2, baseSize: 300, changes: 5_000, shapes: 4),
        (seed: 3, baseSize: 2_000, changes: 2_000, shapes: 1),
        (seed: 4, baseSize: 1_500, changes: 100, shapes: 4),  // few changes: inserted, not rebuilt
        (seed: 5, baseSize: 500, changes: 3_000, shapes: 2),
    ])
    func bulkReplayMatchesApplyingInLogOrder(seed: UInt64, baseSize: Int, changes: Int, shapes: UInt64) {
        var random = SeededGenerator(seed: seed)
        let base = Self.appliedOneByOne(
            Self.randomMutations(baseSize, &random, shapes: shapes).map { Mutation(key: $0.key, value: [1]) },
            to: OrderedIndex()
        )
        let baseEntries = base.entries()
        let mutations = Self.randomMutations(changes, &random, shapes: shapes)

        let expected = Self.appliedOneByOne(mutations, to: base)
        let actual = Self.replayed(mutations, onto: base)

        actual.validate()
        #expect(actual.count == expected.count)
        #expect(actual.entries() == expected.entries())
        // The base is a value: replaying onto it left it as it was.
        #expect(base.entries() == baseEntries)
    }

    @Test func lastMutationOfAKeyWinsAndADeleteRemovesIt() {
        let mutations = [
            Mutation(key: "a", value: [1]), Mutation(key: "b", value: [2]), Mutation(key: "a", value: [3]),
            Mutation(key: "b", value: nil), Mutation(key: "c", value: nil), Mutation(key: "d", value: [4]),
        ]
        var base = OrderedIndex()
        base.set([9], for: "c")
        base.set([9], for: "e")
        let result = Self.replayed(mutations, onto: base)
        #expect(
            result.entries() == [
                StoreEntry(key: "a", value: [3]), StoreEntry(key: "d", value: [4]), StoreEntry(key: "e", value: [9]),
            ]
        )
    }

    @Test func truncatingForgetsTheMutationsOfABadRecord() {
        var changes = ReplayedChanges()
        [UInt8]("kept".utf8).withUnsafeBytes { changes.record(key: $0, value: [1]) }
        [UInt8]("dropped".utf8).withUnsafeBytes { changes.record(key: $0, value: [2]) }
        [UInt8]("kept".utf8).withUnsafeBytes { changes.record(key: $0, value: nil) }
        changes.truncate(to: 1)
        #expect(changes.count == 1)
        #expect(changes.applied(to: OrderedIndex()).entries() == [StoreEntry(key: "kept", value: [1])])
    }

    @Test func noChangesLeaveTheBase() {
        var base = OrderedIndex()
        base.set([1], for: "x")
        #expect(ReplayedChanges().applied(to: base).entries() == base.entries())
        #expect(ReplayedChanges().applied(to: OrderedIndex()).isEmpty)
    }
}
