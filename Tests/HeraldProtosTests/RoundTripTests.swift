import HeraldProtos
import Testing

@Suite struct RoundTripTests {
    @Test("every message type round-trips at its defaults, as zero bytes", arguments: MessageType.all)
    func emptyMessageRoundTrips(_ message: MessageType) throws {
        let result = try RoundTrip.binary(message.type, json: .object([]))
        #expect(result.equal)
        #expect(result.bytes.isEmpty)
    }

    @Test("every message type round-trips fully populated", arguments: MessageType.all)
    func populatedMessageRoundTrips(_ message: MessageType) throws {
        for seed in UInt64(1)...3 {
            var samples = MessageSamples(seed: seed, oneofChoice: Int(seed))
            let json = samples.json(for: message.type)
            let binary = try RoundTrip.binary(message.type, json: json)
            #expect(binary.equal, "seed \(seed)")
            if message.type.protoSchema.fields.isEmpty == false {
                #expect(!binary.bytes.isEmpty, "seed \(seed)")
            }
            #expect(try RoundTrip.json(message.type, json: json), "seed \(seed)")
        }
    }

    @Test("large repeated fields and maps round-trip", arguments: MessageType.all.filter(\.hasCollections))
    func largeCollectionsRoundTrip(_ message: MessageType) throws {
        var samples = MessageSamples(seed: 7, repeatedCount: 2_000)
        samples.maximumDepth = 1
        let result = try RoundTrip.binary(message.type, json: samples.json(for: message.type))
        #expect(result.equal)
    }

    @Test("every member of every oneof round-trips on its own")
    func everyOneofMemberRoundTrips() throws {
        var checked = 0
        for message in MessageType.all {
            let maximumMembers = message.type.protoSchema.oneofSizes.values.max() ?? 0
            for choice in 0..<maximumMembers {
                var samples = MessageSamples(seed: UInt64(choice), oneofChoice: choice)
                let result = try RoundTrip.binary(message.type, json: samples.json(for: message.type))
                #expect(result.equal, "\(message.testDescription) member \(choice)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    @Test func unicodeStringsSurviveUnchanged() throws {
        let name = "王小明 🚨 Ünïcödé — \u{10FFFF}"
        let contact = Contact(id: "ct_1", name: name, email: "ops@example.com")
        let decoded = try Contact(serializedBytes: contact.serializedBytes())
        #expect(decoded.name == name)
        #expect(decoded == contact)
    }

    @Test func unknownEnumValuesArePreserved() throws {
        var contact = Contact()
        contact.alertLanguage = AlertLanguage(rawValue: 4_242)
        #expect(contact.alertLanguage == .unrecognized(4_242))
        let decoded = try Contact(serializedBytes: contact.serializedBytes())
        #expect(decoded.alertLanguage.rawValue == 4_242)
        #expect(contact.jsonValue["alertLanguage"] == .number("4242"))
    }

    @Test func presenceOneofsDistinguishUnsetFromDefault() throws {
        let fieldsWithPresence = ProtoRegistry.messageTypes.flatMap { type in
            type.protoSchema.fields.filter { field in
                field.oneof != nil && type.protoSchema.oneofSizes[field.oneof!] == 1
            }
        }
        #expect(!fieldsWithPresence.isEmpty, "the API uses one-field oneofs for presence")
        var request = ListRulesRequest()
        #expect(try ListRulesRequest(serializedBytes: request.serializedBytes()).enabled == nil)
        request.enabled = false
        let bytes = try request.serializedBytes()
        #expect(!bytes.isEmpty, "a present false is on the wire")
        #expect(try ListRulesRequest(serializedBytes: bytes).enabled == false)
    }
}

extension MessageType {
    var hasCollections: Bool {
        type.protoSchema.fields.contains { field in
            if case .singular = field.cardinality { return false }
            return true
        }
    }
}

extension ProtoMessageSchema {
    /// The number of members of each oneof.
    var oneofSizes: [String: Int] {
        fields.reduce(into: [:]) { sizes, field in
            if let oneof = field.oneof { sizes[oneof, default: 0] += 1 }
        }
    }
}
