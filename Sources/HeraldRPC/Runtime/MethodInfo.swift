public import HeraldProtos

/// Whether repeating a call can change the outcome; from the RPC's `idempotency_level` option.
public enum Idempotency: Sendable, Hashable {
    /// The call changes state; repeating it may apply it twice (unless it carries an
    /// idempotency key).
    case sideEffects
    /// The call only reads.
    case noSideEffects
    /// Repeating the call has the same effect as making it once (e.g. delete).
    case idempotent
}

/// What the generated code knows about one RPC.
public struct MethodInfo: Sendable, Hashable, CustomStringConvertible {
    /// The service's full name, e.g. `herald.v1.ContactService`.
    public let service: String
    /// The RPC's name, e.g. `CreateContact`.
    public let name: String
    /// The name on the wire: `/herald.v1.ContactService/CreateContact`.
    public let path: String
    /// Who may call it.
    public let access: Access
    public let idempotency: Idempotency
    /// The request and response message types.
    public let requestType: any ProtoMessage.Type
    public let responseType: any ProtoMessage.Type

    /// True when a failed attempt may be retried without an idempotency key.
    public var isSafeToRetry: Bool { idempotency != .sideEffects }

    public var description: String { path }

    public static func == (lhs: MethodInfo, rhs: MethodInfo) -> Bool { lhs.path == rhs.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }
}

/// A typed RPC: its ``MethodInfo`` plus the request and response types.
public struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: Sendable {
    public let info: MethodInfo

    public init(service: String, name: String, access: Access, idempotency: Idempotency) {
        info = MethodInfo(
            service: service,
            name: name,
            path: "/\(service)/\(name)",
            access: access,
            idempotency: idempotency,
            requestType: Request.self,
            responseType: Response.self
        )
    }
}

/// A service and its RPCs.
public struct ServiceInfo: Sendable {
    /// The full name, e.g. `herald.v1.ContactService`.
    public let name: String
    public let methods: [MethodInfo]

    public init(name: String, methods: [MethodInfo]) {
        self.name = name
        self.methods = methods
    }
}
