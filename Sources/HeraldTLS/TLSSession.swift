internal import COpenSSL
import Logging

/// One TLS connection's protocol state, driven entirely through memory buffers: the transport
/// owns the socket, feeds the session the ciphertext it receives and sends the ciphertext the
/// session produces.
///
/// The cycle for a non-blocking socket:
/// 1. Readable: ``feed(_:)`` the bytes read (or ``feedEndOfStream()`` on end-of-file); then
///    ``handshake()`` until it returns ``TLSHandshakeStatus/complete``, and after that
///    ``readPlaintext(appendingTo:)`` until it stops returning
///    ``TLSReadStatus/moreAvailable``.
/// 2. To send: ``writePlaintext(_:)``.
/// 3. After **every** call above, send what ``pendingCiphertextCount`` reports, with
///    ``withPendingCiphertext(_:)`` (no copy) or ``takeCiphertext(appendingTo:)``. Reading can
///    produce output too (an alert; the answer to a TLS 1.3 key update goes out with the next
///    write), and a failed handshake leaves an alert to send before closing.
///
/// The session owns OpenSSL's `SSL` (and through it both memory BIOs), freed when the session
/// is released.
///
/// > Warning: Not thread-safe. Confine a session to one connection's serial queue.
public final class TLSSession {
    /// Where the session is in its life.
    enum State {
        case handshaking
        case established
        /// Closed in both directions (or abandoned before the handshake completed).
        case closed
        /// A fatal error occurred; every further operation throws it again.
        case failed(TLSError)
    }

    /// The role this session plays.
    public let role: TLSContext.Role

    /// The expected server name (clients only), for error messages.
    let serverName: String?

    let logger: Logger

    /// Keeps the context (and its configuration) alive as long as the session.
    let context: TLSContext

    /// The owned `SSL*`; freed in `deinit`, which also frees both BIOs.
    let ssl: OpaquePointer

    /// The memory BIO OpenSSL reads ciphertext from (owned by `ssl`).
    let inputBIO: OpaquePointer

    /// The memory BIO OpenSSL writes ciphertext to (owned by `ssl`).
    let outputBIO: OpaquePointer

    var state: State = .handshaking

    /// Whether the transport reported end-of-stream: no more ciphertext will arrive.
    var inputEnded = false

    /// The verified peer's identity, set when the handshake completes.
    public internal(set) var peerIdentity: TLSPeerIdentity?

    /// The negotiated protocol version, set when the handshake completes.
    public internal(set) var protocolVersion: TLSVersion?

    init(context: TLSContext, serverName: String?) throws {
        self.context = context
        self.role = context.role
        self.serverName = serverName
        self.logger = context.logger
        OpenSSLErrorQueue.clear()
        guard let ssl = context.withUnsafeContext({ SSL_new($0) }) else {
            throw TLSError.draining(code: .internalError, context: "SSL_new failed")
        }
        guard let input = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TLSError.draining(code: .internalError, context: "BIO_new failed")
        }
        guard let output = BIO_new(BIO_s_mem()) else {
            BIO_free(input)
            SSL_free(ssl)
            throw TLSError.draining(code: .internalError, context: "BIO_new failed")
        }
        // An empty input BIO asks OpenSSL to retry (want-read) rather than report end-of-file;
        // end-of-file is tracked in `inputEnded` instead.
        _ = herald_BIO_set_mem_eof_return(input, -1)
        // The SSL takes ownership of both BIOs.
        SSL_set_bio(ssl, input, output)
        self.ssl = ssl
        self.inputBIO = input
        self.outputBIO = output
        // From here on, a throw runs `deinit`, which frees `ssl`.
        switch context.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            if let serverName {
                try self.expectServerName(serverName)
            }
        }
    }

    deinit {
        SSL_free(self.ssl)
    }

    /// Sets SNI and the name the server certificate must carry.
    private func expectServerName(_ name: String) throws {
        var name = name
        if name.hasPrefix("[") && name.hasSuffix("]") {
            name = String(name.dropFirst().dropLast())
        }
        OpenSSLErrorQueue.clear()
        if X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(self.ssl), name) == 1 {
            // An IP address: checked against IP SANs; never sent as SNI (RFC 6066 §3).
            return
        }
        OpenSSLErrorQueue.clear()
        SSL_set_hostflags(self.ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        guard SSL_set1_host(self.ssl, name) == 1, herald_SSL_set_tlsext_host_name(self.ssl, name) == 1 else {
            throw TLSError.draining(code: .invalidConfiguration, context: "invalid server name '\(name)'")
        }
    }
}
