import HeraldProtos
import HeraldTestSupport
import Testing

@Suite struct DecodingErrorTests {
    @Test("random bytes decode or fail with a typed error, never crash", arguments: MessageType.all)
    func garbageNeverCrashes(_ message: MessageType) {
        // The same bytes on every run (not String.hashValue, which Swift seeds per process).
        let seed = Self.fnv1a(message.type.protoMessageName)
        var random = SeededGenerator(seed: seed)
        var failures = 0
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            do {
                _ = try message.type.init(serializedBytes: bytes)
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0, "some random inputs must be rejected (seed \(seed))")
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes.
    private static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { hash, byte in (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }

    @Test("a message cut at every offset decodes or fails cleanly", arguments: MessageType.all)
    func truncationAtEveryOffset(_ message: MessageType) throws {
        var samples = MessageSamples(seed: 11)
        let bytes = try RoundTrip.binary(message.type, json: samples.json(for: message.type)).bytes
        var rejected = 0
        for cut in 0..<bytes.count {
            do {
                _ = try message.type.init(serializedBytes: Array(bytes[0..<cut]))
            } catch {
                rejected += 1
            }
        }
        if bytes.count > 4 {
            #expect(rejected > 0, "cutting inside a field must be detected")
        }
    }

    @Test func lengthBeyondTheInputIsMalformed() {
        // Field 1, length-delimited, claiming 2^32 - 1 bytes, followed by three.
        let bytes: [UInt8] = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x61, 0x62, 0x63]
        #expect(throws: ProtoDecodingError(.malformed, messageName: "herald.v1.Contact", offset: 0)) {
            try Contact(serializedBytes: bytes)
        }
    }

    @Test func overlongVarintIsMalformed() {
        let bytes: [UInt8] = [0x08] + Array(repeating: 0xFF, count: 10) + [0x01]
        #expect(throws: ProtoDecodingError.self) { try HealthCheckResponse(serializedBytes: bytes) }
    }

    @Test func invalidUTF8NamesTheNestedField() throws {
        let request = CreateContactRequest(contact: Contact(name: "AB", email: "a@example.com"))
        var bytes = try request.serializedBytes()
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "A")))
        bytes[index] = 0xC3
        bytes[index + 1] = 0x28  // 0xC3 must be followed by a continuation byte.
        let error = try #require(throws: ProtoDecodingError.self) { try CreateContactRequest(serializedBytes: bytes) }
        #expect(error.reason == .invalidUTF8)
        #expect(error.fieldPath == "contact.name")
        #expect(error.messageName == "herald.v1.CreateContactRequest")
    }

    @Test(
        "malformed UTF-8 sequences are rejected",
        arguments: [
            [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
            [0x80],
        ] as [[UInt8]]
    )
    func malformedUTF8(_ sequence: [UInt8]) {
        let bytes: [UInt8] = [0x12, UInt8(sequence.count)] + sequence  // Contact.name is field 2.
        #expect(throws: ProtoDecodingError.self) { try Contact(serializedBytes: bytes) }
    }

    @Test func embeddedNulIsRejectedBothWays() throws {
        let bytes: [UInt8] = [0x12, 0x03, 0x61, 0x00, 0x62]
        let error = try #require(throws: ProtoDecodingError.self) { try Contact(serializedBytes: bytes) }
        #expect(error.reason == .embeddedNul)
        #expect(throws: ProtoEncodingError(fieldPath: "herald.v1.Contact.name")) {
            try Contact(name: "a\u{0}b").serializedBytes()
        }
    }

    @Test func decodingErrorsNameTheFieldAndTheMessage() throws {
        let bytes: [UInt8] = [0x12, 0x01, 0xFF]
        let error = try #require(throws: ProtoDecodingError.self) { try Contact(serializedBytes: bytes) }
        #expect(error.fieldPath == "name")
        #expect(error.description.contains("herald.v1.Contact"))
    }
}
