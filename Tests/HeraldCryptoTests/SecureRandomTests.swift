import HeraldCrypto
import Testing

@Suite struct SecureRandomTests {
    @Test func bytesHaveTheRequestedCountAndDiffer() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let first = SecureRandom.bytes(count: 32)
        let second = SecureRandom.bytes(count: 32)
        #expect(first.count == 32)
        // Equal 256-bit outputs would mean a broken generator (probability 2^-256).
        #expect(first != second)
        #expect(first != [UInt8](repeating: 0, count: 32))
    }

    @Test func fillOverwritesTheWholeBuffer() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        buffer.withUnsafeMutableBytes { SecureRandom.fill($0) }
        // Every byte value should appear in 4 KiB of random data except with negligible odds;
        // more to the point, the buffer is no longer all zeros at both ends.
        #expect(Set(buffer).count > 200)
        #expect(buffer.suffix(16) != [UInt8](repeating: 0, count: 16))
    }

    @Test func uniformStaysBelowTheBoundAndCoversIt() {
        var seen = Set<UInt64>()
        for _ in 0..<2000 {
            let value = SecureRandom.uniform(below: 10)
            #expect(value < 10)
            seen.insert(value)
        }
        #expect(seen.count == 10)
        #expect(SecureRandom.uniform(below: 1) == 0)
    }

    @Test func decimalCodesKeepLeadingZeros() {
        var sawLeadingZero = false
        for _ in 0..<500 {
            let code = SecureRandom.decimalCode(digits: 6)
            #expect(code.count == 6)
            let allDigits = code.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            #expect(allDigits)
            sawLeadingZero = sawLeadingZero || code.hasPrefix("0")
        }
        // P(no leading zero in 500 codes) = 0.9^500 ≈ 1e-23.
        #expect(sawLeadingZero)
    }

    @Test func generatorWorksWithTheStandardLibrary() {
        var generator = SecureRandomNumberGenerator()
        let values = (0..<100).map { _ in Int.random(in: 0..<1000, using: &generator) }
        #expect(values.allSatisfy { (0..<1000).contains($0) })
        #expect(Set(values).count > 50)
    }
}
