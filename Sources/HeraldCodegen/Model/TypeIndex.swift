/// Every message and enum of a descriptor set by full name, with the names the generated Swift
/// and protoc-c's C give it.
struct TypeIndex {
    struct MessageInfo {
        var decl: ProtoMessageDecl
        /// Qualified Swift name within the module (`Rule.Matcher`).
        var swiftName: String
        var cStruct: String
        var cStem: String
    }

    struct EnumInfo {
        var decl: ProtoEnumDecl
        var swiftName: String
    }

    private(set) var messages: [String: MessageInfo] = [:]
    private(set) var enums: [String: EnumInfo] = [:]

    init(files: [ProtoFile]) {
        for file in files {
            for message in file.messages {
                add(message, swiftScope: "")
            }
            for decl in file.enums {
                enums[decl.fullName] = EnumInfo(decl: decl, swiftName: decl.name)
            }
        }
    }

    private mutating func add(_ message: ProtoMessageDecl, swiftScope: String) {
        let swiftName = swiftScope.isEmpty ? message.name : "\(swiftScope).\(message.name)"
        messages[message.fullName] = MessageInfo(
            decl: message,
            swiftName: swiftName,
            cStruct: ProtobufCNaming.structName(fullName: message.fullName),
            cStem: ProtobufCNaming.functionStem(fullName: message.fullName)
        )
        for nested in message.nestedMessages {
            add(nested, swiftScope: swiftName)
        }
        for nested in message.nestedEnums {
            enums[nested.fullName] = EnumInfo(decl: nested, swiftName: "\(swiftName).\(nested.name)")
        }
    }

    func message(_ fullName: String) throws(GeneratorError) -> MessageInfo {
        guard let info = messages[fullName] else { throw GeneratorError("unknown message type \(fullName)") }
        return info
    }

    func enumeration(_ fullName: String) throws(GeneratorError) -> EnumInfo {
        guard let info = enums[fullName] else { throw GeneratorError("unknown enum type \(fullName)") }
        return info
    }
}

/// A schema the generator cannot turn into Swift, with the reason.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
