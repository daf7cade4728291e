import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald describe NAME`: an RPC's request and response, or a message's fields, with their
/// documentation from the .proto files.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show an RPC's request and response fields, or a message's, with their documentation."
    )

    @Argument(help: "An RPC (ContactService/CreateContact) or a message (Contact, herald.v1.Contact).")
    var name: String

    func run() throws {
        if let message = MethodLookup.messageType(named: name) {
            print(describe(message.protoSchema))
            return
        }
        let method = try MethodLookup.method(named: name)
        print("\(method.path)  (access: \(method.access.shortName.lowercased()), \(method.idempotency.label))\n")
        print("request " + describe(method.requestType.protoSchema))
        print("\nresponse " + describe(method.responseType.protoSchema))
    }

    private func describe(_ schema: ProtoMessageSchema) -> String {
        var lines = ["\(schema.fullName) {"]
        for field in schema.fields {
            let type: String
            switch field.cardinality {
            case .singular: type = field.kind.protoTypeName
            case .repeated: type = "repeated \(field.kind.protoTypeName)"
            case .map(let key): type = "map<\(key.protoTypeName), \(field.kind.protoTypeName)>"
            }
            let oneof = field.oneof.map { "  (oneof \($0))" } ?? ""
            lines.append("  \(field.jsonName): \(type)\(oneof)")
            for commentLine in field.comment.split(separator: "\n") {
                lines.append("      \(commentLine)")
            }
            if case .enumeration(let enumType) = field.kind {
                let names = enumType.protoValueNames.filter { $0.value != 0 }.map(\.name)
                lines.append("      values: \(names.joined(separator: ", "))")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

/// `herald methods`: every RPC with its access level.
struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "List every RPC and who may call it."
    )

    func run() throws {
        var table = Table("METHOD", "ACCESS", "KIND")
        for service in HeraldAPI.services {
            for method in service.methods {
                table.add(method.path, method.access.shortName.lowercased(), method.idempotency.label)
            }
        }
        print(table.rendered)
    }
}

extension Idempotency {
    /// How `describe` and `methods` name it.
    var label: String {
        switch self {
        case .noSideEffects: "read-only"
        case .idempotent: "idempotent"
        case .sideEffects: "mutation"
        }
    }
}
