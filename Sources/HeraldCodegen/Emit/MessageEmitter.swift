/// Emits the Swift declarations of messages and enums: value types with public fields.
enum MessageEmitter {
    static func emitStruct(_ plan: MessagePlan, into out: inout SourceWriter) {
        let decl = plan.info.decl
        out.docComment(decl.comment)
        out.block("public struct \(decl.name): ProtoMessage {") { out in
            out.line("/// The message's full protobuf name.")
            out.line("public static let protoMessageName = \(swiftStringLiteral(decl.fullName))")
            for field in plan.fields {
                out.line()
                out.docComment(field.decl.comment)
                out.line("public var \(field.swiftName): \(field.propertyType) = \(field.propertyDefault)")
            }
            for oneof in plan.oneofs {
                out.line()
                out.docComment(oneof.decl.comment)
                out.line("public var \(oneof.swiftPropertyName): \(oneof.swiftTypeName)? = nil")
            }
            out.line()
            out.line("/// Creates a message with every field at its default value.")
            out.line("public init() {}")
            emitMemberwiseInit(plan, into: &out)
            for oneof in plan.oneofs {
                out.line()
                emitOneofEnum(oneof, into: &out)
            }
            for nested in plan.nestedMessages {
                out.line()
                emitStruct(nested, into: &out)
            }
            for nested in plan.nestedEnums {
                out.line()
                emitEnum(nested, into: &out)
            }
        }
    }

    private static func emitMemberwiseInit(_ plan: MessagePlan, into out: inout SourceWriter) {
        let parameters =
            plan.fields.map { ($0.swiftName, $0.propertyType, $0.propertyDefault) }
            + plan.oneofs.map { ($0.swiftPropertyName, $0.swiftTypeName + "?", "nil") }
        guard !parameters.isEmpty else { return }
        out.line()
        out.line("/// Creates a message from its fields; those left out keep their default value.")
        out.line("public init(")
        for (position, parameter) in parameters.enumerated() {
            let comma = position == parameters.count - 1 ? "" : ","
            out.line("    \(parameter.0): \(parameter.1) = \(parameter.2)\(comma)")
        }
        out.block(") {") { out in
            for parameter in parameters {
                out.line("self.\(parameter.0) = \(parameter.0)")
            }
        }
    }

    private static func emitOneofEnum(_ oneof: OneofPlan, into out: inout SourceWriter) {
        out.docComment(oneof.decl.comment)
        out.block("public enum \(oneof.swiftTypeName): Sendable, Hashable {") { out in
            for (position, member) in oneof.members.enumerated() {
                if position > 0 { out.line() }
                out.docComment(member.decl.comment)
                out.line("case \(member.swiftName)(\(member.value.swiftType))")
            }
        }
    }

    static func emitEnum(_ info: TypeIndex.EnumInfo, into out: inout SourceWriter) {
        let decl = info.decl
        let cases = decl.values.map { value in
            (value, SwiftNaming.escaped(SwiftNaming.caseName(value: value.name, enumName: decl.name)))
        }
        out.docComment(decl.comment)
        out.block("public enum \(decl.name): ProtoEnum {") { out in
            for (value, name) in cases {
                out.docComment(value.comment)
                out.line("case \(name)")
            }
            out.line("/// A value this version of Herald does not know, kept as its number.")
            out.line("case unrecognized(Int32)")
            out.line()
            out.line("/// The enum's full protobuf name.")
            out.line("public static let protoEnumName = \(swiftStringLiteral(decl.fullName))")
            out.line()
            out.line("/// The prefix every value name of this enum starts with in the `.proto` file.")
            out.line(
                "public static let protoNamePrefix = \(swiftStringLiteral(SwiftNaming.upperSnake(decl.name) + "_"))"
            )
            out.line()
            out.line("/// Every known value with its name in the `.proto` file.")
            out.block("public static let protoValueNames: [(value: Int32, name: String)] = [", closing: "]") { out in
                for (value, _) in cases {
                    out.line("(\(value.number), \(swiftStringLiteral(value.name))),")
                }
            }
            out.line()
            out.line("/// Every known value.")
            let all = cases.map { "." + $0.1 }.joined(separator: ", ")
            out.line("public static let allCases: [\(decl.name)] = [\(all)]")
            out.line()
            out.block("public init(rawValue: Int32) {") { out in
                out.block("switch rawValue {", closing: "}") { out in
                    for (value, name) in cases {
                        out.line("case \(value.number): self = .\(name)")
                    }
                    out.line("default: self = .unrecognized(rawValue)")
                }
            }
            out.line()
            out.block("public var rawValue: Int32 {") { out in
                out.block("switch self {", closing: "}") { out in
                    for (value, name) in cases {
                        out.line("case .\(name): \(value.number)")
                    }
                    out.line("case .unrecognized(let value): value")
                }
            }
        }
    }
}
