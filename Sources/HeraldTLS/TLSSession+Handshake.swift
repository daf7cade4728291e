internal import COpenSSL
import Logging

extension TLSSession {
    /// Advances the handshake as far as the fed ciphertext allows.
    ///
    /// A client's first call produces the ClientHello. After each call, send
    /// ``pendingCiphertextCount`` bytes, also when this throws: a failed handshake leaves an
    /// alert telling the peer why.
    ///
    /// - Returns: ``TLSHandshakeStatus/complete`` once the handshake is done (also on later
    ///   calls), else ``TLSHandshakeStatus/needsInput``.
    /// - Throws: ``TLSError``: ``TLSError/Code/certificateVerificationFailed``,
    ///   ``TLSError/Code/peerCertificateMissing``, ``TLSError/Code/unsupportedProtocolVersion``,
    ///   ``TLSError/Code/rejectedByPeer``, ``TLSError/Code/protocolViolation`` or
    ///   ``TLSError/Code/handshakeFailed``, with a message saying which check failed.
    public func handshake() throws -> TLSHandshakeStatus {
        switch self.state {
        case .established:
            return .complete
        case .failed(let error):
            throw error
        case .closed:
            throw TLSError(code: .invalidState, message: "the session is closed")
        case .handshaking:
            break
        }
        OpenSSLErrorQueue.clear()
        let rc = SSL_do_handshake(self.ssl)
        if rc == 1 {
            try self.handshakeCompleted()
            return .complete
        }
        switch SSL_get_error(self.ssl, rc) {
        case SSL_ERROR_WANT_READ:
            if self.inputEnded {
                throw self.fail(
                    TLSError.draining(
                        code: .handshakeFailed,
                        context: "the peer closed the connection during the handshake"
                    )
                )
            }
            return .needsInput
        case SSL_ERROR_ZERO_RETURN:
            throw self.fail(
                TLSError.draining(code: .handshakeFailed, context: "the peer sent close_notify during the handshake")
            )
        case let sslError:
            throw self.fail(self.failure(sslError: sslError, during: .handshake))
        }
    }

    /// Records the negotiated version and the verified peer identity.
    private func handshakeCompleted() throws {
        self.protocolVersion = TLSVersion(openSSLValue: SSL_version(self.ssl))
        if let certificate = SSL_get0_peer_certificate(self.ssl) {
            // A certificate is only kept by OpenSSL when it verified (the verify mode aborts
            // the handshake otherwise); the result is checked again as a second line of defence.
            guard SSL_get_verify_result(self.ssl) == X509_V_OK else {
                throw self.fail(self.verificationFailure(SSL_get_verify_result(self.ssl), entries: []))
            }
            self.peerIdentity = CertificateNames(certificate: certificate).identity
        }
        self.state = .established
        self.logger.debug(
            "TLS handshake complete",
            metadata: [
                "tls.role": "\(self.role)",
                "tls.version": "\(self.protocolVersion.map { "\($0)" } ?? "unknown")",
                "tls.peer": "\(self.peerIdentity?.name ?? "none")",
            ]
        )
    }

    /// Moves to the failed state and returns the error for throwing.
    func fail(_ error: TLSError) -> TLSError {
        self.state = .failed(error)
        self.logger.debug(
            "TLS session failed",
            metadata: ["tls.role": "\(self.role)", "tls.error.code": "\(error.code)", "tls.error": "\(error.message)"]
        )
        return error
    }
}
