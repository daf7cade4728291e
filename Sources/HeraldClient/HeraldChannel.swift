public import HeraldProtos
public import HeraldRPC
import HeraldTLS
import HeraldTransport
public import HeraldWire
public import Logging
import Synchronization

/// A connection pool to one Herald server and the entry point of the client library.
///
/// ```swift
/// var configuration = ClientConfiguration(
///     serverAddress: try SocketAddress(parsing: "127.0.0.1:7443"),
///     tls: .client(certificateChainPath: "client.pem", privateKeyPath: "client-key.pem",
///                  trustRootsPath: "ca.pem", serverName: "localhost"))
/// configuration.defaultTenant = "acme"
/// let herald = try HeraldChannel(configuration: configuration)
/// let created = try await herald.contacts.createContact(.init(contact: Contact(name: "Zhang Wei", email: "zw@example.com")))
/// await herald.close()
/// ```
///
/// Calls are spread over ``ClientConfiguration/connectionCount`` connections, made lazily and
/// replaced when they fail or the server sends a goaway. Task cancellation cancels the call on
/// the server. Calls that are safe to repeat are retried on UNAVAILABLE (see ``RetryPolicy``).
public final class HeraldChannel: RPCChannel, Sendable {
    private struct Pool {
        var slots: [ClientConnection?]
        var nextNumber = 1
        var isClosed = false
    }

    private let configuration: ClientConfiguration
    private let security: StreamSecurityMode
    private let logger: Logger
    private let pool: Mutex<Pool>
    private let requestIDPrefix = String(UInt32.random(in: .min ... .max), radix: 36)
    private let requestCounter = Atomic<UInt64>(0)

    /// Creates a channel; no connection is made until the first call.
    ///
    /// - Throws: ``TLSError`` when the certificate, key or CA file cannot be used.
    public init(configuration: ClientConfiguration, logger: Logger? = nil) throws {
        self.configuration = configuration
        self.logger = logger ?? Logger(label: "herald.client", factory: { _ in SwiftLogNoOpLogHandler() })
        if configuration.plaintext {
            security = .plaintext
        } else {
            security = .tls(try TLSContext(configuration: configuration.tls, role: .client, logger: self.logger))
        }
        pool = Mutex(Pool(slots: Array(repeating: nil, count: max(1, configuration.connectionCount))))
    }

    // MARK: Typed clients

    /// Contacts and tenant settings.
    public var contacts: ContactServiceClient { ContactServiceClient(channel: self) }
    /// Contact groups.
    public var groups: GroupServiceClient { GroupServiceClient(channel: self) }
    /// Verification of phones and mailboxes.
    public var verification: VerificationServiceClient { VerificationServiceClient(channel: self) }
    /// Notification rules and routing.
    public var rules: RuleServiceClient { RuleServiceClient(channel: self) }
    /// Health and echo.
    public var health: HealthServiceClient { HealthServiceClient(channel: self) }

    // MARK: Calls

    public func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        options: CallOptions
    ) async throws(RPCError) -> Response {
        let body: [UInt8]
        do {
            body = try request.serializedBytes()
        } catch {
            throw RPCError(code: .invalidArgument, message: "\(error)")
        }
        let header = RequestHeader(
            method: method.info.path,
            tenant: options.tenant ?? configuration.defaultTenant ?? "",
            requestID: options.requestID ?? makeRequestID(),
            idempotencyKey: options.idempotencyKey ?? "",
            metadata: options.metadata
        )
        let timeout = options.timeout ?? configuration.defaultTimeout
        let started = ContinuousClock.now
        var attempt = 1
        while true {
            var remaining: Duration?
            if let timeout {
                remaining = timeout - (.now - started)
                guard remaining! > .zero else {
                    throw RPCError(code: .deadlineExceeded, message: "no reply before the deadline")
                }
            }
            do {
                return try await attemptCall(method, header: header, body: body, timeout: remaining)
            } catch {
                guard attempt < configuration.retry.maxAttempts,
                    isRetryable(error, method: method.info, options: options)
                else { throw error }
                let wait = backoff(attempt: attempt, advice: error.retryAfter)
                if let timeout, .now - started + wait >= timeout { throw error }
                logger.debug(
                    "retrying",
                    metadata: [
                        "method": "\(method.info.path)", "attempt": "\(attempt + 1)", "error": "\(error.message)",
                    ]
                )
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw RPCError(code: .cancelled, message: "the call was cancelled")
                }
                attempt += 1
            }
        }
    }

    private func attemptCall<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        header: RequestHeader,
        body: [UInt8],
        timeout: Duration?
    ) async throws(RPCError) -> Response {
        let connection = try connection()
        do {
            try await connection.ready()
        } catch {
            var error = error
            error.metadata[RetryMarker.key] = RetryMarker.notProcessed
            throw error
        }
        let token = CallToken()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<any ProtoMessage, RPCError>, Never>) in
                connection.send(
                    ClientConnection.Request(
                        method: method.info,
                        header: header,
                        body: body,
                        timeout: timeout,
                        token: token,
                        decode: { bytes in
                            do {
                                return .success(try Response(serializedBytes: bytes))
                            } catch {
                                return .failure(RPCError(code: .internal, message: "malformed response: \(error)"))
                            }
                        },
                        complete: { continuation.resume(returning: $0) }
                    )
                )
            }
        } onCancel: {
            token.markCancelled()
            connection.cancel(token)
        }
        guard let response = try result.get() as? Response else {
            throw RPCError(code: .internal, message: "response of an unexpected type")
        }
        return response
    }

    private func isRetryable(_ error: RPCError, method: MethodInfo, options: CallOptions) -> Bool {
        guard error.code == .unavailable else { return false }
        return error.metadata[RetryMarker.key] == RetryMarker.notProcessed || method.isSafeToRetry
            || options.idempotencyKey != nil
    }

    private func backoff(attempt: Int, advice: Duration?) -> Duration {
        let policy = configuration.retry
        var wait = policy.initialBackoff
        for _ in 1..<attempt { wait = min(policy.maximumBackoff, wait * 2) }
        wait = wait * Double.random(in: 1.0...1.2)
        if let advice, advice > wait { wait = advice }
        return wait
    }

    /// Calls in flight or waiting for a connection, over every pooled connection (for metrics,
    /// and for waiting until calls started from other tasks have been handed over).
    public var callsInFlight: Int {
        pool.withLock { pool in pool.slots.reduce(0) { $0 + ($1?.load.load(ordering: .relaxed) ?? 0) } }
    }

    /// A connection to use: an empty slot gets a new one, else the least loaded.
    private func connection() throws(RPCError) -> ClientConnection {
        let (connection, isNew): (ClientConnection?, Bool) = pool.withLock { pool in
            guard !pool.isClosed else { return (nil, false) }
            if let empty = pool.slots.firstIndex(where: { $0 == nil }) {
                let connection = ClientConnection(
                    number: pool.nextNumber,
                    configuration: configuration,
                    security: security,
                    logger: logger
                )
                pool.nextNumber += 1
                pool.slots[empty] = connection
                return (connection, true)
            }
            let least = pool.slots.compactMap { $0 }.min {
                $0.load.load(ordering: .relaxed) < $1.load.load(ordering: .relaxed)
            }
            return (least, false)
        }
        guard let connection else { throw RPCError(code: .unavailable, message: "the channel is closed") }
        if isNew {
            connection.onRetired = { [weak self] retired in self?.retire(retired) }
            connection.connect()
        }
        return connection
    }

    private func retire(_ connection: ClientConnection) {
        pool.withLock { pool in
            if let index = pool.slots.firstIndex(where: { $0 === connection }) { pool.slots[index] = nil }
        }
    }

    private func makeRequestID() -> String {
        "\(requestIDPrefix)-\(requestCounter.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    /// Closes every connection gracefully (calls in flight finish); later calls fail with
    /// UNAVAILABLE.
    public func close() async {
        let connections = pool.withLock { pool in
            pool.isClosed = true
            defer { pool.slots = pool.slots.map { _ in nil } }
            return pool.slots.compactMap { $0 }
        }
        for connection in connections { connection.close() }
    }
}
