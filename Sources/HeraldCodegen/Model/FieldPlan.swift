/// A protobuf number type by the values it holds: `sint32`, `sfixed32` and `int32` are all
/// `.int32`. The raw value is the name of the matching `ProtoFieldKind` case.
enum NumberKind: String {
    case double
    case float
    case int64
    case uint64
    case int32
    case uint32

    /// The Swift type of the values, also the type of their C member.
    var swiftType: String {
        switch self {
        case .double: "Double"
        case .float: "Float"
        case .int64: "Int64"
        case .uint64: "UInt64"
        case .int32: "Int32"
        case .uint32: "UInt32"
        }
    }
}

/// What a single (non-repeated) value of a field is, in Swift and in protoc-c's C.
enum ValueKind {
    /// A number whose C member has the same Swift type (`Int32`, `UInt64`, `Double` …).
    case number(NumberKind)
    /// `bool`, a `protobuf_c_boolean` (an `Int32`) in C.
    case bool
    case string
    /// `bytes`, `[UInt8]` in Swift and `ProtobufCBinaryData` in C.
    case bytes
    case enumeration(TypeIndex.EnumInfo)
    case message(TypeIndex.MessageInfo)

    var swiftType: String {
        switch self {
        case .number(let kind): kind.swiftType
        case .bool: "Bool"
        case .string: "String"
        case .bytes: "[UInt8]"
        case .enumeration(let info): info.swiftName
        case .message(let info): info.swiftName
        }
    }

    /// The Swift literal of the proto3 default value.
    var defaultLiteral: String {
        switch self {
        case .number: "0"
        case .bool: "false"
        case .string: "\"\""
        case .bytes: "[]"
        case .enumeration(let info): "\(info.swiftName)(rawValue: 0)"
        case .message(let info): "\(info.swiftName)()"
        }
    }
}

/// How a field is laid out: on its own, repeated, a map, alone in a oneof. (The members of a
/// oneof with several members are ``OneofPlan/members``, each `.singular`.)
enum FieldShape {
    /// A plain field; messages are optional (`T?`), everything else has a default.
    case singular
    case repeated
    case map(key: ValueKind, value: ValueKind, entry: TypeIndex.MessageInfo)
    /// The only member of a oneof: a Swift optional named after the field. `cCaseMember` is the
    /// C member that says whether it is set.
    case presence(cCaseMember: String)
}

/// Everything the emitters need to know about one field.
struct FieldPlan {
    var decl: ProtoFieldDecl
    var value: ValueKind
    var shape: FieldShape
    /// The Swift property (or oneof case) name, already escaped if it is a keyword.
    var swiftName: String
    var cMember: String
    var cCount: String

    /// The declared Swift type of the property.
    var propertyType: String {
        switch shape {
        case .singular:
            if case .message = value { return value.swiftType + "?" }
            return value.swiftType
        case .repeated: return "[\(value.swiftType)]"
        case .map(let key, let value, _): return "[\(key.swiftType): \(value.swiftType)]"
        case .presence: return value.swiftType + "?"
        }
    }

    /// The property's default value in Swift.
    var propertyDefault: String {
        switch shape {
        case .singular:
            if case .message = value { return "nil" }
            return value.defaultLiteral
        case .repeated: return "[]"
        case .map: return "[:]"
        case .presence: return "nil"
        }
    }
}

/// A oneof with two or more members, emitted as a Swift enum.
struct OneofPlan {
    var decl: ProtoOneofDecl
    var swiftTypeName: String
    var swiftPropertyName: String
    var cCaseMember: String
    /// One case of the enum each, in declaration order; their shape is `.singular`.
    var members: [FieldPlan]
}

/// A message prepared for emission.
struct MessagePlan {
    var info: TypeIndex.MessageInfo
    /// Fields that are not members of a multi-member oneof, in declaration order.
    var fields: [FieldPlan]
    var oneofs: [OneofPlan]
    var nestedMessages: [MessagePlan]
    var nestedEnums: [TypeIndex.EnumInfo]

    init(_ info: TypeIndex.MessageInfo, index: TypeIndex) throws(GeneratorError) {
        self.info = info
        let decl = info.decl
        var fields: [FieldPlan] = []
        var membersByOneof: [Int: [FieldPlan]] = [:]
        for field in decl.fields {
            let plan = try Self.plan(field, in: decl, index: index)
            if let oneofIndex = field.oneofIndex, decl.oneofs[oneofIndex].fieldNumbers.count > 1 {
                membersByOneof[oneofIndex, default: []].append(plan)
            } else {
                fields.append(plan)
            }
        }
        self.fields = fields
        var oneofs: [OneofPlan] = []
        for (position, oneof) in decl.oneofs.enumerated() where oneof.fieldNumbers.count > 1 {
            oneofs.append(
                OneofPlan(
                    decl: oneof,
                    swiftTypeName: SwiftNaming.typeName(oneof.name),
                    swiftPropertyName: SwiftNaming.escaped(SwiftNaming.propertyName(oneof.name)),
                    cCaseMember: ProtobufCNaming.oneofCaseMember(oneof: oneof.name),
                    members: membersByOneof[position] ?? []
                )
            )
        }
        self.oneofs = oneofs
        var nested: [MessagePlan] = []
        for message in decl.nestedMessages where !message.isMapEntry {
            nested.append(try MessagePlan(index.message(message.fullName), index: index))
        }
        self.nestedMessages = nested
        var nestedEnums: [TypeIndex.EnumInfo] = []
        for nestedEnum in decl.nestedEnums {
            nestedEnums.append(try index.enumeration(nestedEnum.fullName))
        }
        self.nestedEnums = nestedEnums
        try checkNameClashes()
    }

    private static func plan(
        _ field: ProtoFieldDecl,
        in message: ProtoMessageDecl,
        index: TypeIndex
    ) throws(GeneratorError) -> FieldPlan {
        let value = try valueKind(field, index: index)
        var shape = FieldShape.singular
        if let oneofIndex = field.oneofIndex {
            let oneof = message.oneofs[oneofIndex]
            if oneof.fieldNumbers.count == 1 {
                shape = .presence(cCaseMember: ProtobufCNaming.oneofCaseMember(oneof: oneof.name))
            }
        } else if field.isRepeated {
            shape = .repeated
            if case .message(let entry) = value, entry.decl.isMapEntry {
                guard let keyField = entry.decl.fields.first(where: { $0.number == 1 }),
                    let valueField = entry.decl.fields.first(where: { $0.number == 2 })
                else { throw GeneratorError("map entry \(entry.decl.fullName) lacks key or value") }
                let key = try valueKind(keyField, index: index)
                guard case .string = key else {
                    throw GeneratorError(
                        "\(message.fullName).\(field.name): map keys other than strings are not supported"
                    )
                }
                let mapValue = try valueKind(valueField, index: index)
                if case .bytes = mapValue {
                    throw GeneratorError("\(message.fullName).\(field.name): maps with bytes values are not supported")
                }
                shape = .map(key: key, value: mapValue, entry: entry)
            }
        }
        return FieldPlan(
            decl: field,
            value: value,
            shape: shape,
            swiftName: SwiftNaming.escaped(SwiftNaming.propertyName(field.name)),
            cMember: ProtobufCNaming.memberName(field: field.name),
            cCount: ProtobufCNaming.countMember(field: field.name)
        )
    }

    private static func valueKind(_ field: ProtoFieldDecl, index: TypeIndex) throws(GeneratorError) -> ValueKind {
        switch field.type {
        case .double: return .number(.double)
        case .float: return .number(.float)
        case .int64, .sint64, .sfixed64: return .number(.int64)
        case .uint64, .fixed64: return .number(.uint64)
        case .int32, .sint32, .sfixed32: return .number(.int32)
        case .uint32, .fixed32: return .number(.uint32)
        case .bool: return .bool
        case .string: return .string
        case .bytes: return .bytes
        case .enum: return .enumeration(try index.enumeration(field.typeName))
        case .message: return .message(try index.message(field.typeName))
        case .group: throw GeneratorError("field \(field.name): groups are not supported")
        }
    }

    /// Swift members of one struct must have distinct names.
    private func checkNameClashes() throws(GeneratorError) {
        var seen: Set<String> = ["protoMessageName", "jsonValue"]
        let names =
            fields.map(\.swiftName) + oneofs.map(\.swiftPropertyName) + oneofs.map(\.swiftTypeName)
            + nestedMessages.map(\.info.decl.name) + nestedEnums.map(\.decl.name)
        for name in names {
            guard seen.insert(name).inserted else {
                throw GeneratorError("\(info.decl.fullName): two members would be named \(name) in Swift")
            }
        }
    }
}
