import HeraldCrypto
import Testing

@Suite struct ConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals("482913", "482913"))
    }

    @Test func differencesAnywhereCompareUnequal() {
        let base = [UInt8](repeating: 7, count: 64)
        for index in base.indices {
            var other = base
            other[index] ^= 0x80
            #expect(!ConstantTime.equals(base, other))
        }
    }

    @Test func differentLengthsCompareUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!ConstantTime.equals("48291", "482913"))
        #expect(!ConstantTime.equals([UInt8](), [0] as [UInt8]))
    }
}
