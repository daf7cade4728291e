import HeraldCrypto
import Testing

@Suite struct RandomIdentifierTests {
    @Test func hasThePrefixAndBase32Body() {
        let identifier = RandomIdentifier.make(prefix: "ct_")
        #expect(identifier.hasPrefix("ct_"))
        let body = identifier.dropFirst(3)
        // 128 bits in 5-bit characters.
        #expect(body.count == 26)
        let alphabet = Set("abcdefghijklmnopqrstuvwxyz234567".utf8)
        let onlyBase32 = body.utf8.allSatisfy { alphabet.contains($0) }
        #expect(onlyBase32)
    }

    @Test func lengthFollowsTheByteCount() {
        #expect(RandomIdentifier.make(byteCount: 5).count == 8)
        #expect(RandomIdentifier.make(byteCount: 32).count == 52)
    }

    @Test func identifiersAreUnique() {
        let identifiers = (0..<10_000).map { _ in RandomIdentifier.make(prefix: "grp_") }
        #expect(Set(identifiers).count == identifiers.count)
    }
}
