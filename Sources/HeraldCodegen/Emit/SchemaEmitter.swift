/// Emits `protoSchema`: a message's fields with their names, kinds and documentation.
enum SchemaEmitter {
    static func emit(_ plan: MessagePlan, into out: inout SourceWriter) {
        let decl = plan.info.decl
        let fields = plan.fields + plan.oneofs.flatMap(\.members)
        let byNumber = Dictionary(uniqueKeysWithValues: fields.map { ($0.decl.number, $0) })
        out.block("extension \(plan.info.swiftName) {") { out in
            out.line("/// The message's fields and their documentation, from the `.proto` file.")
            out.block("public static let protoSchema = ProtoMessageSchema(", closing: ")") { out in
                out.line("fullName: protoMessageName,")
                out.line("comment: \(swiftStringLiteral(commentLines(decl.comment).joined(separator: "\n"))),")
                out.block("fields: [", closing: "]") { out in
                    for field in decl.fields {
                        guard let plan = byNumber[field.number] else { continue }
                        emitField(plan, oneof: field.oneofIndex.map { decl.oneofs[$0].name }, into: &out)
                    }
                }
            }
        }
        for nested in plan.nestedMessages {
            out.line()
            emit(nested, into: &out)
        }
    }

    private static func emitField(_ field: FieldPlan, oneof: String?, into out: inout SourceWriter) {
        let cardinality: String
        switch field.shape {
        case .repeated: cardinality = ".repeated"
        case .map(let key, _, _): cardinality = ".map(key: \(kind(key)))"
        case .singular, .presence: cardinality = ".singular"
        }
        let valueKind: String
        if case .map(_, let value, _) = field.shape {
            valueKind = kind(value)
        } else {
            valueKind = kind(field.value)
        }
        out.line("ProtoFieldSchema(")
        out.line("    name: \(swiftStringLiteral(field.decl.name)),")
        out.line("    jsonName: \(swiftStringLiteral(field.decl.jsonName)),")
        out.line("    number: \(field.decl.number),")
        out.line("    kind: \(valueKind),")
        out.line("    cardinality: \(cardinality),")
        out.line("    oneof: \(oneof.map(swiftStringLiteral) ?? "nil"),")
        out.line("    comment: \(swiftStringLiteral(commentLines(field.decl.comment).joined(separator: "\n")))")
        out.line("),")
    }

    private static func kind(_ value: ValueKind) -> String {
        switch value {
        case .number(let kind): ".\(kind.rawValue)"
        case .bool: ".bool"
        case .string: ".string"
        case .bytes: ".bytes"
        case .enumeration(let info): ".enumeration(\(info.swiftName).self)"
        case .message(let info): ".message(\(info.swiftName).self)"
        }
    }
}
