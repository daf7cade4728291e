import HeraldProtos
import HeraldTestSupport
import Testing

/// Builds proto3 JSON documents for any message from its generated schema, with every field
/// set: unicode strings, extreme numbers, enums (sometimes unknown numbers), bytes with zeros,
/// repeated fields and maps of a chosen size, one member of each oneof, nested messages.
struct MessageSamples {
    /// How many elements repeated fields and maps get.
    var repeatedCount = 3
    /// How deep nested messages are filled (deeper ones are left empty).
    var maximumDepth = 4
    /// Which member each oneof gets: the `oneofChoice`-th (modulo the member count).
    var oneofChoice = 0
    private var random: SeededGenerator

    init(seed: UInt64, repeatedCount: Int = 3, oneofChoice: Int = 0) {
        random = SeededGenerator(seed: seed)
        self.repeatedCount = repeatedCount
        self.oneofChoice = oneofChoice
    }

    mutating func json(for type: any ProtoMessage.Type, depth: Int = 0) -> JSONValue {
        guard depth < maximumDepth else { return .object([]) }
        let schema = type.protoSchema
        var members: [JSONMember] = []
        var oneofMembers: [String: [ProtoFieldSchema]] = [:]
        for field in schema.fields {
            if let oneof = field.oneof {
                oneofMembers[oneof, default: []].append(field)
            }
        }
        for field in schema.fields {
            if let oneof = field.oneof, let group = oneofMembers[oneof] {
                let chosen = group[oneofChoice % group.count]
                guard chosen.number == field.number else { continue }
            }
            members.append(JSONMember(field.jsonName, value(for: field, depth: depth)))
        }
        return .object(members)
    }

    private mutating func value(for field: ProtoFieldSchema, depth: Int) -> JSONValue {
        switch field.cardinality {
        case .singular:
            return scalar(field.kind, depth: depth)
        case .repeated:
            return .array((0..<repeatedCount).map { _ in scalar(field.kind, depth: depth) })
        case .map(let key):
            return .object(
                (0..<repeatedCount).map { index in
                    let keyText: String
                    if case .string = key { keyText = "ключ-\(index)-🔑" } else { keyText = String(index) }
                    return JSONMember(keyText, scalar(field.kind, depth: depth))
                }
            )
        }
    }

    private mutating func scalar(_ kind: ProtoFieldKind, depth: Int) -> JSONValue {
        switch kind {
        case .double: return .number(pick(["0.5", "-1e+300", "3.141592653589793", "1"]))
        case .float: return .number(pick(["0.5", "-2.25", "1024"]))
        case .int64: return .string(pick([String(Int64.max), String(Int64.min), "-1", "42"]))
        case .uint64: return .string(pick([String(UInt64.max), "1", "1700000000000"]))
        case .int32: return .number(pick([String(Int32.max), String(Int32.min), "-7", "1"]))
        case .uint32: return .number(pick([String(UInt32.max), "1", "86"]))
        case .bool: return .bool(true)
        case .string:
            return .string(pick(["张伟 Zhāng Wěi", "Ops on-call 🚨", "a\"quote\\and\ttab", "x", "+8613912345678"]))
        case .bytes: return .string(pick(["AAECAwD/", "3q2+7w==", "AA=="]))
        case .enumeration(let type):
            let names = type.protoValueNames.filter { $0.value != 0 }
            if names.isEmpty || random.next() % 5 == 0 { return .number(String(1000 + random.next() % 1000)) }
            return .string(names[Int(random.next() % UInt64(names.count))].name)
        case .message(let type):
            return json(for: type, depth: depth + 1)
        }
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices[Int(random.next() % UInt64(choices.count))]
    }
}

/// A message type as a test argument with a readable name.
struct MessageType: CustomTestStringConvertible, Sendable {
    let type: any ProtoMessage.Type
    var testDescription: String { type.protoMessageName }

    static let all = ProtoRegistry.messageTypes.map(MessageType.init)
}

/// Round-trips a value of a message type opened from an existential.
enum RoundTrip {
    /// Decodes `json` as `type`, encodes to protobuf, decodes again; returns whether the two
    /// values are equal, and the encoded bytes.
    static func binary<M: ProtoMessage>(_ type: M.Type, json: JSONValue) throws -> (equal: Bool, bytes: [UInt8]) {
        let value = try M(json: json, path: "")
        let bytes = try value.serializedBytes()
        let decoded = try M(serializedBytes: bytes)
        return (decoded == value, bytes)
    }

    /// Decodes `json` as `type`, writes JSON, reads it back; returns whether they are equal.
    static func json<M: ProtoMessage>(_ type: M.Type, json: JSONValue) throws -> Bool {
        let value = try M(json: json, path: "")
        let text = value.jsonString(pretty: true)
        return try M(jsonString: text) == value
    }
}
