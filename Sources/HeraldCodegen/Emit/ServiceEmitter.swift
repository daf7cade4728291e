/// Emits, per service: a namespace with its method descriptors, the server protocol, and the
/// typed client.
enum ServiceEmitter {
    /// The custom method option every Herald RPC carries: `(herald.v1.access)`.
    static let accessOptionNumber: Int32 = 50101
    static let accessEnumName = "herald.v1.Access"

    static func emit(_ service: ProtoServiceDecl, index: TypeIndex, into out: inout SourceWriter) throws(GeneratorError)
    {
        let methods = try service.methods.map { method throws(GeneratorError) in
            try MethodPlan(method, service: service, index: index)
        }
        let name = service.name
        out.docComment(service.comment)
        out.line("///")
        out.line("/// The service's methods as descriptors; ``\(name)Handler`` serves them and")
        out.line("/// ``\(name)Client`` calls them.")
        out.block("public enum \(name) {") { out in
            out.line("/// The service's full protobuf name.")
            out.line("public static let name = \(swiftStringLiteral(service.fullName))")
            for method in methods {
                out.line()
                out.docComment(method.decl.comment)
                out.line("public static let \(method.swiftName) = RPCMethod<\(method.request), \(method.response)>(")
                out.line("    service: name,")
                out.line("    name: \(swiftStringLiteral(method.decl.name)),")
                out.line("    access: .\(method.access),")
                out.line("    idempotency: .\(method.idempotency)")
                out.line(")")
            }
            out.line()
            out.line("/// The service and its methods, in declaration order.")
            out.line("public static let info = ServiceInfo(")
            out.line("    name: name,")
            out.line("    methods: [\(methods.map { "\($0.swiftName).info" }.joined(separator: ", "))]")
            out.line(")")
        }
        out.line()
        out.line("/// The server side of ``\(name)``: one requirement per RPC.")
        out.block("public protocol \(name)Handler: Sendable {") { out in
            for (position, method) in methods.enumerated() {
                if position > 0 { out.line() }
                out.docComment(method.decl.comment)
                out.line(
                    "func \(method.swiftName)(_ request: \(method.request), context: ServerContext) async throws -> \(method.response)"
                )
            }
        }
        out.line()
        out.block("extension \(name)Handler {") { out in
            out.line("/// One route per RPC, to register with a server.")
            out.block("public var routes: [ServerRoute] {", closing: "}") { out in
                out.block("[", closing: "]") { out in
                    for method in methods {
                        out.line(
                            "ServerRoute(\(name).\(method.swiftName)) { try await self.\(method.swiftName)($0, context: $1) },"
                        )
                    }
                }
            }
        }
        out.line()
        out.line("/// A typed client of ``\(name)`` over any ``RPCChannel``.")
        out.block("public struct \(name)Client: Sendable {") { out in
            out.line("/// The channel calls go through.")
            out.line("public let channel: any RPCChannel")
            out.line()
            out.line("/// Creates a client that sends its calls through `channel`.")
            out.block("public init(channel: any RPCChannel) {") { out in
                out.line("self.channel = channel")
            }
            for method in methods {
                out.line()
                out.docComment(method.decl.comment)
                out.line("///")
                out.line("/// - Throws: ``RPCError`` with the status the server (or the channel) answered.")
                out.line("public func \(method.swiftName)(")
                out.line("    _ request: \(method.request),")
                out.line("    options: CallOptions = CallOptions()")
                out.block(") async throws(RPCError) -> \(method.response) {") { out in
                    out.line("try await channel.call(\(name).\(method.swiftName), request, options: options)")
                }
            }
        }
    }

    /// The list of every service, emitted once for the whole API.
    static func emitRegistry(_ services: [ProtoServiceDecl], into out: inout SourceWriter) {
        out.line("/// Every service of the Herald API.")
        out.block("public enum HeraldAPI {") { out in
            out.line("/// Every service, in the order of their `.proto` files.")
            out.line(
                "public static let services: [ServiceInfo] = [\(services.map { "\($0.name).info" }.joined(separator: ", "))]"
            )
        }
    }

    private struct MethodPlan {
        var decl: ProtoMethodDecl
        var swiftName: String
        var request: String
        var response: String
        var access: String
        var idempotency: String

        init(_ method: ProtoMethodDecl, service: ProtoServiceDecl, index: TypeIndex) throws(GeneratorError) {
            let where_ = "\(service.fullName).\(method.name)"
            guard !method.isStreaming else { throw GeneratorError("\(where_): streaming RPCs are not supported") }
            decl = method
            swiftName = SwiftNaming.escaped(method.name.prefix(1).lowercased() + method.name.dropFirst())
            request = try index.message(method.inputType).swiftName
            response = try index.message(method.outputType).swiftName
            let accessEnum = try index.enumeration(ServiceEmitter.accessEnumName)
            guard let raw = method.customVarintOptions[ServiceEmitter.accessOptionNumber], raw != 0,
                let value = accessEnum.decl.values.first(where: { UInt64(bitPattern: Int64($0.number)) == raw })
            else {
                throw GeneratorError("\(where_): every RPC needs `option (herald.v1.access) = ACCESS_…;`")
            }
            access = SwiftNaming.caseName(value: value.name, enumName: accessEnum.decl.name)
            switch method.idempotency {
            case .unknown: idempotency = "sideEffects"
            case .noSideEffects: idempotency = "noSideEffects"
            case .idempotent: idempotency = "idempotent"
            }
        }
    }
}
