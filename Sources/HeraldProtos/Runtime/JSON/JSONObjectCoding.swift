/// Reads the fields of one message from a JSON object, for generated `init(json:path:)`.
///
/// A field is found by its JSON name or its `.proto` name; `null` counts as absent. Fields left
/// over at the end are unknown and rejected, so a typo does not pass silently.
struct JSONObjectReader {
    private let members: [JSONMember]
    private var consumed: [Bool]
    private var chosenOneofMembers: [String: String] = [:]
    private let basePath: String
    private let messageName: String

    init(_ json: JSONValue, path: String, messageName: String) throws(ProtoJSONError) {
        guard case .object(let members) = json else {
            throw ProtoJSONError(path: path, message: "expected an object (\(messageName)), found \(json.kindName)")
        }
        self.members = members
        self.consumed = Array(repeating: false, count: members.count)
        self.basePath = path
        self.messageName = messageName
    }

    /// The path of a field of this object.
    func path(_ name: String) -> String {
        basePath.isEmpty ? name : "\(basePath).\(name)"
    }

    /// The value of the field, marking it read.
    mutating func take(_ jsonName: String, _ protoName: String) throws(ProtoJSONError) -> JSONValue? {
        var found: JSONValue?
        for (index, member) in members.enumerated() where member.key == jsonName || member.key == protoName {
            if found != nil {
                throw ProtoJSONError(path: path(jsonName), message: "field given more than once")
            }
            consumed[index] = true
            found = member.value
        }
        if found == .null { return nil }
        return found
    }

    /// Records that `member` of a oneof was set; a second member of the same oneof is an error.
    mutating func claimOneof(_ oneof: String, member: String) throws(ProtoJSONError) {
        if let earlier = chosenOneofMembers[oneof] {
            throw ProtoJSONError(
                path: path(member),
                message: "only one of the oneof '\(oneof)' may be set; \(earlier) is set too"
            )
        }
        chosenOneofMembers[oneof] = member
    }

    /// Fails on the first member no field claimed.
    func finish() throws(ProtoJSONError) {
        if let index = consumed.firstIndex(of: false) {
            throw ProtoJSONError(path: path(members[index].key), message: "unknown field of \(messageName)")
        }
    }
}

/// Collects the members of one message's JSON object, for generated `jsonValue`.
struct JSONObjectWriter {
    private var members: [JSONMember] = []

    var value: JSONValue { .object(members) }

    /// Adds the field unless it holds its default value.
    mutating func add<T: ProtoJSONCodable>(_ name: String, _ value: T) {
        if !value.isProtoJSONDefault { members.append(JSONMember(name, value.protoJSON)) }
    }

    /// Adds the field even at its default (oneof members and fields with presence).
    mutating func addAlways<T: ProtoJSONCodable>(_ name: String, _ value: T) {
        members.append(JSONMember(name, value.protoJSON))
    }

    mutating func addBytes(_ name: String, _ value: [UInt8]) {
        if !value.isEmpty { addBytesAlways(name, value) }
    }

    mutating func addBytesAlways(_ name: String, _ value: [UInt8]) {
        members.append(JSONMember(name, .string(JSONBytes.encode(value))))
    }

    mutating func addByteArrays(_ name: String, _ value: [[UInt8]]) {
        if !value.isEmpty { members.append(JSONMember(name, .array(value.map { .string(JSONBytes.encode($0)) }))) }
    }
}
