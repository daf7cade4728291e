/// Emits the libprotobuf-c bridge of a message: copying out of an unpacked C struct, and
/// filling a C struct (allocated in a `CArena`) for packing.
enum BridgeEmitter {
    static func emit(_ plan: MessagePlan, into out: inout SourceWriter) {
        let info = plan.info
        let swiftName = info.swiftName
        out.block("extension \(swiftName) {") { out in
            out.line("/// Parses the message from its protobuf encoding.")
            out.line("///")
            out.line("/// - Throws: ``ProtoDecodingError`` for malformed input or a string that is not valid UTF-8.")
            out.block("public init(serializedBuffer buffer: UnsafeRawBufferPointer) throws(ProtoDecodingError) {") {
                out in
                out.line("self = try CBridge.decode(Self.self, from: buffer)")
            }
            out.line()
            out.line("/// Appends the message's protobuf encoding to `buffer`.")
            out.line("///")
            out.line(
                "/// - Throws: ``ProtoEncodingError`` when a string contains U+0000, which protobuf-c cannot carry."
            )
            out.block("public func serialize(into buffer: inout [UInt8]) throws(ProtoEncodingError) {") { out in
                out.line("try CBridge.encode(self, into: &buffer)")
            }
        }
        out.line()
        out.block("extension \(swiftName): CBridgedMessage {") { out in
            out.line("typealias CMessage = \(info.cStruct)")
            out.line()
            out.block(
                "nonisolated(unsafe) static let cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> = {",
                closing: "}()"
            ) { out in
                out.line("var message = \(info.cStruct)()")
                out.line("\(info.cStem)__init(&message)")
                out.line("return message.base.descriptor")
            }
            out.line()
            emitCopyOut(plan, into: &out)
            out.line()
            emitFill(plan, into: &out)
        }
        for nested in plan.nestedMessages {
            out.line()
            emit(nested, into: &out)
        }
    }

    // MARK: C → Swift

    private static func emitCopyOut(_ plan: MessagePlan, into out: inout SourceWriter) {
        let hasFields = !plan.fields.isEmpty || !plan.oneofs.isEmpty
        out.block("init(cMessage: UnsafePointer<\(plan.info.cStruct)>) {") { out in
            out.line("self.init()")
            guard hasFields else { return }
            out.line("let message = cMessage.pointee")
            for field in plan.fields {
                let member = "message.\(field.cMember)"
                switch field.shape {
                case .singular:
                    out.line("self.\(field.swiftName) = \(read(field.value, member, optionalMessage: true))")
                case .repeated:
                    out.line(
                        "self.\(field.swiftName) = \(readRepeated(field.value, member, "message.\(field.cCount)"))"
                    )
                case .map(let key, let value, _):
                    out.block(
                        "self.\(field.swiftName) = CBridge.map(\(member), message.\(field.cCount)) { entry in"
                    ) { out in
                        out.line(
                            "(\(read(key, "entry.key", optionalMessage: false)), \(read(value, "entry.value", optionalMessage: false)))"
                        )
                    }
                case .presence(let caseMember):
                    out.block("if message.\(caseMember).rawValue == \(field.decl.number) {") { out in
                        out.line("self.\(field.swiftName) = \(read(field.value, member, optionalMessage: false))")
                    }
                }
            }
            for oneof in plan.oneofs {
                out.block("switch message.\(oneof.cCaseMember).rawValue {") { out in
                    for member in oneof.members {
                        let value = read(member.value, "message.\(member.cMember)", optionalMessage: false)
                        out.line(
                            "case \(member.decl.number): self.\(oneof.swiftPropertyName) = .\(member.swiftName)(\(value))"
                        )
                    }
                    out.line("default: break")
                }
            }
        }
    }

    /// A Swift expression reading one C value. Message pointers become `T?` when
    /// `optionalMessage`, else `T` (an absent message reads as its default).
    private static func read(_ value: ValueKind, _ member: String, optionalMessage: Bool) -> String {
        switch value {
        case .number: return member
        case .bool: return "\(member) != 0"
        case .string: return "CBridge.string(\(member))"
        case .bytes: return "CBridge.bytes(\(member))"
        case .enumeration(let info): return "\(info.swiftName)(rawValue: Int32(truncatingIfNeeded: \(member).rawValue))"
        case .message(let info):
            let read = "CBridge.message(\(member), as: \(info.swiftName).self)"
            return optionalMessage ? read : "\(read) ?? \(info.swiftName)()"
        }
    }

    private static func readRepeated(_ value: ValueKind, _ member: String, _ count: String) -> String {
        switch value {
        case .number: return "CBridge.numbers(\(member), \(count))"
        case .bool: return "CBridge.bools(\(member), \(count))"
        case .string: return "CBridge.strings(\(member), \(count))"
        case .bytes: return "CBridge.byteArrays(\(member), \(count))"
        case .enumeration(let info): return "CBridge.enums(\(member), \(count), as: \(info.swiftName).self)"
        case .message(let info): return "CBridge.messages(\(member), \(count), as: \(info.swiftName).self)"
        }
    }

    // MARK: Swift → C

    private static func emitFill(_ plan: MessagePlan, into out: inout SourceWriter) {
        let hasFields = !plan.fields.isEmpty || !plan.oneofs.isEmpty
        let arena = hasFields ? "arena" : "arena _"
        let target = hasFields ? "c" : "_"
        out.block(
            "func fill(_ \(target): UnsafeMutablePointer<\(plan.info.cStruct)>, \(arena): CArena) throws(ProtoEncodingError) {"
        ) { out in
            let messageName = plan.info.decl.fullName
            for field in plan.fields {
                let member = "c.pointee.\(field.cMember)"
                let path = swiftStringLiteral("\(messageName).\(field.decl.name)")
                let value = "self.\(field.swiftName)"
                switch field.shape {
                case .singular:
                    emitWriteSingular(field.value, value: value, member: member, path: path, into: &out)
                case .repeated:
                    out.block("if !\(value).isEmpty {") { out in
                        out.line("c.pointee.\(field.cCount) = \(value).count")
                        out.line("\(member) = \(writeRepeated(field.value, value, path: path))")
                    }
                case .map(let key, let mapValue, let entry):
                    emitWriteMap(field, key: key, value: mapValue, entry: entry, path: path, into: &out)
                case .presence(let caseMember):
                    out.block("if let value = \(value) {") { out in
                        out.line("c.pointee.\(caseMember) = .init(rawValue: \(field.decl.number))")
                        out.line("\(member) = \(write(field.value, "value", path: path))")
                    }
                }
            }
            for oneof in plan.oneofs {
                out.block("switch self.\(oneof.swiftPropertyName) {") { out in
                    for member in oneof.members {
                        let path = swiftStringLiteral("\(messageName).\(member.decl.name)")
                        out.line("case .\(member.swiftName)(let value)?:")
                        out.line("    c.pointee.\(oneof.cCaseMember) = .init(rawValue: \(member.decl.number))")
                        out.line("    c.pointee.\(member.cMember) = \(write(member.value, "value", path: path))")
                    }
                    out.line("case nil:")
                    out.line("    break")
                }
            }
        }
    }

    private static func emitWriteSingular(
        _ kind: ValueKind,
        value: String,
        member: String,
        path: String,
        into out: inout SourceWriter
    ) {
        switch kind {
        case .number, .bool, .enumeration:
            out.line("\(member) = \(write(kind, value, path: path))")
        case .string, .bytes:
            out.block("if !\(value).isEmpty {") { out in
                out.line("\(member) = \(write(kind, value, path: path))")
            }
        case .message:
            out.block("if let value = \(value) {") { out in
                out.line("\(member) = \(write(kind, "value", path: path))")
            }
        }
    }

    private static func emitWriteMap(
        _ field: FieldPlan,
        key: ValueKind,
        value: ValueKind,
        entry: TypeIndex.MessageInfo,
        path: String,
        into out: inout SourceWriter
    ) {
        let property = "self.\(field.swiftName)"
        out.block("if !\(property).isEmpty {") { out in
            out.line("let entries = arena.pointers(to: \(entry.cStruct).self, count: \(property).count)")
            out.block("for (index, (key, value)) in \(property).sorted(by: { $0.key < $1.key }).enumerated() {") {
                out in
                out.line("let entry = arena.entry(\(entry.cStruct).self, initializer: \(entry.cStem)__init)")
                out.line("entry.pointee.key = \(write(key, "key", path: path))")
                out.line("entry.pointee.value = \(write(value, "value", path: path))")
                out.line("entries[index] = entry")
            }
            out.line("c.pointee.\(field.cCount) = \(property).count")
            out.line("c.pointee.\(field.cMember) = entries")
        }
    }

    /// A Swift expression producing the C representation of one value.
    private static func write(_ kind: ValueKind, _ value: String, path: String) -> String {
        switch kind {
        case .number: return value
        case .bool: return "\(value) ? 1 : 0"
        case .string: return "try arena.string(\(value), field: \(path))"
        case .bytes: return "arena.bytes(\(value))"
        case .enumeration: return ".init(rawValue: .init(truncatingIfNeeded: \(value).rawValue))"
        case .message: return "try arena.message(\(value))"
        }
    }

    private static func writeRepeated(_ kind: ValueKind, _ value: String, path: String) -> String {
        switch kind {
        case .number: return "arena.numbers(\(value))"
        case .bool: return "arena.bools(\(value))"
        case .string: return "try arena.strings(\(value), field: \(path))"
        case .bytes: return "arena.byteArrays(\(value))"
        case .enumeration: return "arena.enums(\(value))"
        case .message: return "try arena.messages(\(value))"
        }
    }
}
