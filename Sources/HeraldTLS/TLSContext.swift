internal import COpenSSL
public import Logging

/// Loaded TLS configuration for one role: the certificates, key and trust roots read once and
/// shared by every ``TLSSession`` made from it.
///
/// Create one context per listener (server) or per target (client) and call
/// ``makeSession(serverName:)`` for each connection.
///
/// The context owns OpenSSL's `SSL_CTX`, which is freed when the context is released; sessions
/// keep what they need alive on their own.
// @unchecked Sendable: the only mutable state is the `SSL_CTX`, which is fully configured in
// `init` and never changed afterwards. OpenSSL documents a configured `SSL_CTX` as safe to
// share between threads for `SSL_new` (it locks its own reference count and caches), and
// nothing here mutates it after construction.
public final class TLSContext: @unchecked Sendable {
    /// Which side of the handshake sessions made from a context play.
    public enum Role: Sendable, Hashable {
        /// Accepts connections: presents the server certificate and verifies clients.
        case server
        /// Opens connections: verifies the server and presents a client certificate if
        /// configured.
        case client
    }

    /// The configuration this context was built from.
    public let configuration: TLSConfiguration

    /// The role of every session made from this context.
    public let role: Role

    let logger: Logger

    /// The owned `SSL_CTX*`; freed in `deinit`.
    private let context: OpaquePointer

    /// Loads the configuration's files and builds the OpenSSL context.
    ///
    /// - Parameters:
    ///   - configuration: What to load and enforce.
    ///   - role: Server or client.
    ///   - logger: Where to log context and session events (debug level and below).
    /// - Throws: ``TLSError`` with code ``TLSError/Code/invalidConfiguration`` naming the file
    ///   and OpenSSL's reason when a file cannot be loaded, or when a setting the role needs
    ///   is missing.
    public init(configuration: TLSConfiguration, role: Role, logger: Logger) throws {
        try configuration.validate(for: role)
        OpenSSLErrorQueue.clear()
        let method = role == .server ? TLS_server_method() : TLS_client_method()
        guard let context = SSL_CTX_new(method) else {
            throw TLSError.draining(code: .internalError, context: "SSL_CTX_new failed")
        }
        self.context = context
        self.configuration = configuration
        self.role = role
        self.logger = logger
        // From here on, a throw runs `deinit`, which frees the context.
        try ContextConfigurator(context: context, configuration: configuration, role: role).apply()
        logger.debug(
            "TLS context ready",
            metadata: [
                "tls.role": "\(role)",
                "tls.min_version": "\(configuration.minimumVersion)",
                "tls.max_version": "\(configuration.maximumVersion)",
                "tls.certificate": "\(configuration.certificateChainPath ?? "none")",
            ]
        )
    }

    deinit {
        SSL_CTX_free(self.context)
    }

    /// Makes a session for one connection.
    ///
    /// - Parameter serverName: Clients only: the server's expected name, overriding the
    ///   configuration's ``TLSConfiguration/serverName``.
    /// - Returns: A session in its initial state; a client session's first
    ///   ``TLSSession/handshake()`` produces the ClientHello.
    /// - Throws: ``TLSError`` if OpenSSL cannot allocate the session or rejects the name.
    public func makeSession(serverName: String? = nil) throws -> TLSSession {
        let name = self.role == .client ? (serverName ?? self.configuration.serverName) : nil
        return try TLSSession(context: self, serverName: name)
    }

    /// Calls `body` with the `SSL_CTX*`, which must not escape it.
    func withUnsafeContext<Result>(_ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        try body(self.context)
    }
}
