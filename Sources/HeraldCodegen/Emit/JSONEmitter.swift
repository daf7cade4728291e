/// Emits the proto3 JSON mapping of a message: `init(json:path:)` and `jsonValue`.
///
/// Field names are written in their JSON (lowerCamelCase) form; both that and the `.proto`
/// name are accepted when reading. Unknown fields are an error.
enum JSONEmitter {
    static func emit(_ plan: MessagePlan, into out: inout SourceWriter) {
        let hasFields = !plan.fields.isEmpty || !plan.oneofs.isEmpty
        out.block("extension \(plan.info.swiftName) {") { out in
            out.line("/// Reads the message from its proto3 JSON form.")
            out.line("///")
            out.line("/// - Parameters:")
            out.line("///   - json: a JSON object.")
            out.line("///   - path: where `json` sits in the document, for error messages.")
            out.line("/// - Throws: ``ProtoJSONError`` naming the path of the first bad or unknown field.")
            out.block("public init(json: JSONValue, path: String = \"\") throws(ProtoJSONError) {") { out in
                out.line("self.init()")
                let binding = hasFields ? "var" : "let"
                out.line(
                    "\(binding) object = try JSONObjectReader(json, path: path, messageName: Self.protoMessageName)"
                )
                for field in plan.fields {
                    emitRead(field, into: &out)
                }
                for oneof in plan.oneofs {
                    for member in oneof.members {
                        let names =
                            "\(swiftStringLiteral(member.decl.jsonName)), \(swiftStringLiteral(member.decl.name))"
                        out.block("if let value = try object.take(\(names)) {") { out in
                            out.line(
                                "try object.claimOneof(\(swiftStringLiteral(oneof.decl.name)), member: \(swiftStringLiteral(member.decl.jsonName)))"
                            )
                            let decoded = decode(
                                member.value,
                                path: "object.path(\(swiftStringLiteral(member.decl.jsonName)))"
                            )
                            out.line("self.\(oneof.swiftPropertyName) = .\(member.swiftName)(\(decoded))")
                        }
                    }
                }
                out.line("try object.finish()")
            }
            out.line()
            out.line("/// The message in proto3 JSON form; fields at their default value are left out.")
            out.block("public var jsonValue: JSONValue {") { out in
                let binding = hasFields ? "var" : "let"
                out.line("\(binding) object = JSONObjectWriter()")
                for field in plan.fields {
                    emitWrite(field, into: &out)
                }
                for oneof in plan.oneofs {
                    out.block("switch self.\(oneof.swiftPropertyName) {") { out in
                        for member in oneof.members {
                            out.line("case .\(member.swiftName)(let value)?:")
                            out.line(
                                "    \(writeCall(member.value, name: member.decl.jsonName, value: "value", always: true))"
                            )
                        }
                        out.line("case nil:")
                        out.line("    break")
                    }
                }
                out.line("return object.value")
            }
        }
        for nested in plan.nestedMessages {
            out.line()
            emit(nested, into: &out)
        }
    }

    private static func emitRead(_ field: FieldPlan, into out: inout SourceWriter) {
        let names = "\(swiftStringLiteral(field.decl.jsonName)), \(swiftStringLiteral(field.decl.name))"
        let path = "object.path(\(swiftStringLiteral(field.decl.jsonName)))"
        out.block("if let value = try object.take(\(names)) {") { out in
            let decoded: String
            switch field.shape {
            case .singular, .presence:
                decoded = decode(field.value, path: path)
            case .repeated:
                if case .bytes = field.value {
                    decoded = "try JSONBytes.decodeArray(value, path: \(path))"
                } else {
                    decoded = "try [\(field.value.swiftType)](protoJSON: value, path: \(path))"
                }
            case .map:
                decoded = "try \(field.propertyType)(protoJSON: value, path: \(path))"
            }
            out.line("self.\(field.swiftName) = \(decoded)")
        }
    }

    private static func decode(_ value: ValueKind, path: String) -> String {
        if case .bytes = value {
            return "try JSONBytes.decode(value, path: \(path))"
        }
        return "try \(value.swiftType)(protoJSON: value, path: \(path))"
    }

    private static func emitWrite(_ field: FieldPlan, into out: inout SourceWriter) {
        let name = field.decl.jsonName
        let value = "self.\(field.swiftName)"
        switch field.shape {
        case .singular:
            if case .message = field.value {
                out.block("if let value = \(value) {") { out in
                    out.line(writeCall(field.value, name: name, value: "value", always: true))
                }
            } else {
                out.line(writeCall(field.value, name: name, value: value, always: false))
            }
        case .repeated:
            if case .bytes = field.value {
                out.line("object.addByteArrays(\(swiftStringLiteral(name)), \(value))")
            } else {
                out.line("object.add(\(swiftStringLiteral(name)), \(value))")
            }
        case .map:
            out.line("object.add(\(swiftStringLiteral(name)), \(value))")
        case .presence:
            out.block("if let value = \(value) {") { out in
                out.line(writeCall(field.value, name: name, value: "value", always: true))
            }
        }
    }

    private static func writeCall(_ kind: ValueKind, name: String, value: String, always: Bool) -> String {
        let method: String
        if case .bytes = kind {
            method = always ? "addBytesAlways" : "addBytes"
        } else {
            method = always ? "addAlways" : "add"
        }
        return "object.\(method)(\(swiftStringLiteral(name)), \(value))"
    }
}
