import HeraldTestSupport
import Testing

@testable import HeraldStore

// These tests are CPU-bound; they yield now and then so tests that measure time elsewhere in the
// suite keep getting Swift concurrency's (two) threads.
@Suite struct OrderedIndexTests {
    static func key(_ number: Int) -> StoreKey {
        StoreKey("k\(number)")
    }

    /// Random puts and removes against a dictionary, checking order, values and the tree's
    /// invariants as it grows and shrinks.
    @Test(arguments: [1, 2, 3])
    func matchesAReferenceMapUnderRandomOperations(seed: UInt64) async {
        var random = SeededGenerator(seed: seed)
        var index = OrderedIndex()
        var reference: [StoreKey: [UInt8]] = [:]
        for step in 0..<20_000 {
            let key = Self.key(Int(random.next() % 3000))
            if random.next() % 3 == 0 {
                #expect(index.remove(key) == reference.removeValue(forKey: key))
            } else {
                let value = [UInt8(step & 0xFF), UInt8(step >> 8 & 0xFF)]
                #expect(index.set(value, for: key) == reference.updateValue(value, forKey: key))
            }
            if step % 2000 == 0 {
                index.validate()
            }
            if step % 250 == 0 {
                await Task.yield()
            }
        }
        index.validate()
        #expect(index.count == reference.count)
        #expect(index.entries().map(\.key) == reference.keys.sorted())
        for (key, value) in reference {
            #expect(index.value(for: key) == value)
        }
        // Drain everything: merging must keep the tree valid down to empty.
        for (position, key) in reference.keys.shuffled(using: &random).enumerated() {
            #expect(index.remove(key) != nil)
            if position % 250 == 0 {
                await Task.yield()
            }
        }
        index.validate()
        #expect(index.isEmpty && index.entries().isEmpty)
    }

    @Test func ascendingInsertsFillLeaves() async {
        var index = OrderedIndex()
        for number in 0..<10_000 {
            index.set([], for: StoreKey(padded(number, 8)))
            if number % 500 == 0 {
                await Task.yield()
            }
        }
        index.validate()
        #expect(index.count == 10_000)
    }

    @Test func aCopyIsUnaffectedByLaterChanges() async {
        var index = OrderedIndex()
        for number in 0..<5000 {
            index.set([1], for: Self.key(number))
        }
        let copy = index
        await Task.yield()
        for number in 0..<5000 where number % 2 == 0 {
            index.remove(Self.key(number))
        }
        for number in 5000..<6000 {
            index.set([2], for: Self.key(number))
        }
        index.set([3], for: Self.key(1))
        copy.validate()
        index.validate()
        #expect(copy.count == 5000)
        #expect(copy.value(for: Self.key(0)) == [1])
        #expect(copy.value(for: Self.key(1)) == [1])
        #expect(copy.value(for: Self.key(5500)) == nil)
        #expect(index.count == 3500)
        #expect(index.value(for: Self.key(0)) == nil)
        #expect(index.value(for: Self.key(1)) == [3])
    }

    @Test func iterationStartsAtTheFirstKeyNotBelowTheStart() {
        var index = OrderedIndex()
        for number in stride(from: 0, to: 1000, by: 10) {
            index.set([], for: StoreKey(padded(number, 4)))
        }
        #expect(index.entries(from: "0500", limit: 2).map(\.key) == ["0500", "0510"])
        #expect(index.entries(from: "0501", limit: 2).map(\.key) == ["0510", "0520"])
        #expect(index.entries(from: "0991", limit: 5).isEmpty)
        #expect(index.entries(limit: 0).isEmpty)
        #expect(index.entries(from: "", limit: 1).map(\.key) == ["0000"])
    }

    @Test func keysOrderByUnsignedBytesWithPrefixesFirst() {
        var index = OrderedIndex()
        let keys: [StoreKey] = ["b", "a", "ab", StoreKey(bytes: [0xFF]), StoreKey(bytes: [0x00]), "é", "aa"]
        for key in keys {
            index.set([], for: key)
        }
        #expect(
            index.entries().map(\.key) == [StoreKey(bytes: [0x00]), "a", "aa", "ab", "b", "é", StoreKey(bytes: [0xFF])]
        )
    }
}

/// `number` in decimal, zero-padded to `width` digits.
func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

@Suite struct OrderedIndexBuilderTests {
    @Test(arguments: [0, 1, 2, 55, 56, 57, 200, 3137, 3193, 50_000])
    func buildsAValidTreeOfAnySize(count: Int) async {
        var builder = OrderedIndexBuilder()
        for number in 0..<count {
            builder.append(StoreKey(padded(number, 6)), [UInt8(number & 0xFF)])
            if number % 500 == 0 {
                await Task.yield()
            }
        }
        var index = builder.build()
        index.validate()
        await Task.yield()
        #expect(index.count == count)
        #expect(index.entries().map(\.key) == (0..<count).map { StoreKey(padded($0, 6)) })
        await Task.yield()
        // The built tree takes later changes like any other.
        for number in stride(from: 0, to: count, by: 3) {
            index.remove(StoreKey(padded(number, 6)))
            index.set([1], for: StoreKey(padded(number, 6) + "x"))
            if number % 600 == 0 {
                await Task.yield()
            }
        }
        await Task.yield()
        index.validate()
        #expect(index.count == count)
    }
}
