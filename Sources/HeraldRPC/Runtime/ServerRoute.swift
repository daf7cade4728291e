public import HeraldProtos
public import Logging

/// Who is calling, as the server established it from the client certificate.
public struct CallerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The identity: the certificate's URI SAN, else DNS SAN, else CN.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String { name }
}

/// What a handler knows about the call it serves, besides the request.
public struct ServerContext: Sendable {
    public var method: MethodInfo
    /// The tenant from the request header, already checked against the caller's grants.
    public var tenant: String
    public var caller: CallerIdentity
    /// The request id (the client's, or one the server generated).
    public var requestID: String
    /// The header's idempotency key, empty when none.
    public var idempotencyKey: String
    /// When the caller stops waiting; nil for no deadline.
    public var deadline: ContinuousClock.Instant?
    public var metadata: [String: String]
    /// The connection's logger; ``logger`` adds the request id and method to it.
    private let baseLogger: Logger

    /// A logger carrying the request id and method as metadata (made when first asked for, so
    /// calls that do not log pay nothing for it).
    public var logger: Logger {
        var logger = baseLogger
        logger[metadataKey: "request-id"] = "\(requestID)"
        logger[metadataKey: "method"] = "\(method.path)"
        return logger
    }

    public init(
        method: MethodInfo,
        tenant: String,
        caller: CallerIdentity,
        requestID: String,
        idempotencyKey: String = "",
        deadline: ContinuousClock.Instant? = nil,
        metadata: [String: String] = [:],
        logger: Logger
    ) {
        self.method = method
        self.tenant = tenant
        self.caller = caller
        self.requestID = requestID
        self.idempotencyKey = idempotencyKey
        self.deadline = deadline
        self.metadata = metadata
        self.baseLogger = logger
    }
}

/// One RPC a server can dispatch to: decodes the request bytes, then runs the handler.
///
/// Decoding is separate from running so that a server can decode on its connection's queue
/// (answering undecodable requests at once) and run the handler in a task.
public struct ServerRoute: Sendable {
    public let method: MethodInfo
    private let decode: @Sendable (UnsafeRawBufferPointer) throws(ProtoDecodingError) -> PreparedCall

    /// A route for `method` served by `handler`.
    public init<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        self.method = method.info
        self.decode = { (bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) -> PreparedCall in
            let request = try Request(serializedBuffer: bytes)
            return PreparedCall { context in try await handler(request, context) }
        }
    }

    /// Decodes a request.
    ///
    /// - Returns: the call, ready to run.
    /// - Throws: ``ProtoDecodingError`` when the bytes are not a valid request message.
    public func prepare(_ requestBytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) -> PreparedCall {
        try decode(requestBytes)
    }

    /// Decodes a request held in a slice (e.g. a frame's payload).
    public func prepare(_ requestBytes: ArraySlice<UInt8>) throws(ProtoDecodingError) -> PreparedCall {
        let result = requestBytes.withUnsafeBytes { buffer in
            Result { () throws(ProtoDecodingError) in try decode(buffer) }
        }
        return try result.get()
    }
}

/// A decoded request bound to its handler.
public struct PreparedCall: Sendable {
    private let body: @Sendable (ServerContext) async throws -> any ProtoMessage

    init(_ body: @escaping @Sendable (ServerContext) async throws -> any ProtoMessage) {
        self.body = body
    }

    /// Runs the handler and returns its response.
    public func run(context: ServerContext) async throws -> any ProtoMessage {
        try await body(context)
    }
}
