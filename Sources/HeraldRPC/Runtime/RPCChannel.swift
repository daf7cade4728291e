public import HeraldProtos
public import HeraldWire

/// Per-call settings a client passes along with a request.
public struct CallOptions: Sendable {
    /// The tenant to act on; nil uses the channel's default tenant.
    public var tenant: String?
    /// How long the caller waits; sent to the server as the call's deadline. nil uses the
    /// channel's default.
    public var timeout: Duration?
    /// An id for logs; the channel makes one up when nil.
    public var requestID: String?
    /// Makes a mutating call safe to retry: the server answers a repeat with the first reply.
    public var idempotencyKey: String?
    /// Free metadata sent in the request header.
    public var metadata: [String: String]

    public init(
        tenant: String? = nil,
        timeout: Duration? = nil,
        requestID: String? = nil,
        idempotencyKey: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.tenant = tenant
        self.timeout = timeout
        self.requestID = requestID
        self.idempotencyKey = idempotencyKey
        self.metadata = metadata
    }
}

/// Something that carries calls to a Herald server: the client library's connection pool, or
/// an in-process channel in tests of code that uses the generated clients.
public protocol RPCChannel: Sendable {
    /// Makes one unary call.
    ///
    /// - Throws: ``RPCError`` with the reply's status, or one the channel made (e.g.
    ///   `.unavailable` when no connection could be made, `.cancelled` when the task was).
    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        options: CallOptions
    ) async throws(RPCError) -> Response
}
