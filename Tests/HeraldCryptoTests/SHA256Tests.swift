import HeraldCrypto
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Example Algorithms") and the empty message.
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: SHA256Tests.vectors)
    func knownAnswer(message: String, digest: String) {
        #expect(SHA256.hash(message).hexString == digest)
        #expect(SHA256.hash(Array(message.utf8)).hexString == digest)
        #expect(SHA256.hash(ArraySlice(message.utf8)).hexString == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func nonContiguousInputHashesLikeItsBytes() {
        let bytes = (0..<200).lazy.map { UInt8($0) }
        #expect(SHA256.hash(bytes) == SHA256.hash(Array(bytes)))
    }

    @Test func digestRoundTripsThroughHex() throws {
        let digest = SHA256.hash("abc")
        let parsed = try #require(SHA256Digest(hexString: digest.hexString.uppercased()))
        #expect(parsed == digest)
        #expect(parsed.bytes.count == SHA256.byteCount)
        #expect(SHA256Digest(hexString: "abcd") == nil)
        #expect(SHA256Digest(bytes: [1, 2, 3]) == nil)
        #expect(SHA256.hash("abd") != digest)
    }
}
