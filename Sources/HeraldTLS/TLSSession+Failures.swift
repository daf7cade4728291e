internal import COpenSSL

extension TLSSession {
    /// The session operation that failed, for messages.
    enum Operation: String {
        case handshake
        case read
        case write
        case shutdown
        case keyUpdate = "key update"
    }

    /// What the peer is called in messages.
    var peerRoleName: String {
        self.role == .server ? "client" : "server"
    }

    /// Classifies a failed `SSL_*` call (after `SSL_get_error` returned `sslError`) into a
    /// ``TLSError``, draining the error queue.
    func failure(sslError: Int32, during operation: Operation) -> TLSError {
        let entries = OpenSSLErrorQueue.drain()
        let verifyResult = SSL_get_verify_result(self.ssl)
        if verifyResult != X509_V_OK {
            return self.verificationFailure(verifyResult, entries: entries)
        }
        for entry in entries where entry.library == ERR_LIB_SSL {
            if let error = self.classify(entry, entries: entries) {
                return error
            }
        }
        switch sslError {
        case SSL_ERROR_SSL:
            let reason = entries.first?.reasonText ?? "unknown error"
            let code: TLSError.Code = operation == .handshake ? .handshakeFailed : .protocolViolation
            return TLSError(code: code, message: "TLS \(operation.rawValue) failed: \(reason)", entries: entries)
        case SSL_ERROR_WANT_WRITE:
            // Memory BIOs accept every write, so OpenSSL never waits for the transport to drain.
            return TLSError(
                code: .internalError,
                message: "TLS \(operation.rawValue) unexpectedly wants to write to a memory BIO",
                entries: entries
            )
        default:
            return TLSError(
                code: .internalError,
                message: "TLS \(operation.rawValue) failed (SSL_get_error \(sslError))",
                entries: entries
            )
        }
    }

    /// The error for a peer certificate that did not verify.
    func verificationFailure(_ result: Int, entries: [OpenSSLErrorQueue.Entry]) -> TLSError {
        let reason = String(cString: X509_verify_cert_error_string(result))
        var message = "\(self.peerRoleName) certificate verification failed: \(reason)"
        switch Int32(truncatingIfNeeded: result) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
            X509_V_ERR_CERT_UNTRUSTED, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            message += " (issued by an unknown CA: not signed by the configured trust roots)"
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            message += " (the certificate is not valid for '\(self.serverName ?? "")')"
        case X509_V_ERR_INVALID_PURPOSE:
            message += " (the certificate's extended key usage does not allow this role)"
        default:
            break
        }
        return TLSError(code: .certificateVerificationFailed, message: message, entries: entries)
    }

    /// The error for one libssl error entry, or `nil` when its reason is not specific.
    private func classify(_ entry: OpenSSLErrorQueue.Entry, entries: [OpenSSLErrorQueue.Entry]) -> TLSError? {
        let versions = self.allowedVersionsDescription
        let reason = entry.reason
        switch reason {
        case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
            return TLSError(
                code: .peerCertificateMissing,
                message: "the client presented no certificate, but this server requires one (mutual TLS)",
                entries: entries
            )
        case SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_VERSION_TOO_LOW,
            SSL_R_VERSION_TOO_HIGH, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
            return TLSError(
                code: .unsupportedProtocolVersion,
                message: "protocol version too low or not allowed: this side accepts \(versions) and the "
                    + "\(self.peerRoleName) offered none of them",
                entries: entries
            )
        case SSL_R_WRONG_VERSION_NUMBER, SSL_R_HTTP_REQUEST, SSL_R_HTTPS_PROXY_REQUEST,
            SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_RECORD_LENGTH_MISMATCH, SSL_R_LENGTH_MISMATCH,
            SSL_R_BAD_PACKET_LENGTH, SSL_R_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_RECORD,
            SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, SSL_R_ENCRYPTED_LENGTH_TOO_LONG,
            SSL_R_BAD_RECORD_TYPE, SSL_R_UNKNOWN_PROTOCOL, SSL_R_LENGTH_TOO_SHORT,
            SSL_R_BAD_LENGTH, SSL_R_RECORD_TOO_SMALL:
            return TLSError(
                code: .protocolViolation,
                message: "the \(self.peerRoleName) sent data that is not valid TLS (\(entry.reasonText))",
                entries: entries
            )
        case SSL_AD_REASON_OFFSET..<(SSL_AD_REASON_OFFSET + 256):
            return self.alertFailure(alert: reason - SSL_AD_REASON_OFFSET, entries: entries)
        default:
            return nil
        }
    }

    /// The error for a fatal alert received from the peer.
    private func alertFailure(alert: Int32, entries: [OpenSSLErrorQueue.Entry]) -> TLSError {
        let description = TLSAlert.name(alert)
        if alert == SSL_AD_PROTOCOL_VERSION {
            return TLSError(
                code: .unsupportedProtocolVersion,
                message: "the \(self.peerRoleName) rejected the protocol version: this side offered "
                    + "\(self.allowedVersionsDescription) (alert: \(description))",
                entries: entries
            )
        }
        var message = "the \(self.peerRoleName) aborted the connection with alert: \(description)"
        switch alert {
        case SSL_AD_CERTIFICATE_REQUIRED:
            message += " (it requires a client certificate and none was configured)"
        case SSL_AD_CERTIFICATE_EXPIRED, SSL_AD_UNKNOWN_CA, SSL_AD_BAD_CERTIFICATE,
            SSL_AD_CERTIFICATE_REVOKED, SSL_AD_UNSUPPORTED_CERTIFICATE, SSL_AD_CERTIFICATE_UNKNOWN:
            message += " (it rejected this side's certificate)"
        default:
            break
        }
        return TLSError(code: .rejectedByPeer, message: message, entries: entries)
    }

    private var allowedVersionsDescription: String {
        let configuration = self.context.configuration
        if configuration.minimumVersion == configuration.maximumVersion {
            return "\(configuration.minimumVersion) only"
        }
        return "\(configuration.minimumVersion) to \(configuration.maximumVersion)"
    }
}
