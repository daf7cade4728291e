internal import COpenSSL

extension TLSSession {
    /// Encrypts `plaintext` into pending ciphertext.
    ///
    /// With memory BIOs OpenSSL can always write, so every byte is taken unless OpenSSL first
    /// needs input from the peer (possible only mid-renegotiation, which Herald disables);
    /// then the count is short and the rest must be offered again after more input.
    ///
    /// - Parameter plaintext: The bytes to send.
    /// - Returns: How many bytes were taken.
    /// - Throws: ``TLSError``: ``TLSError/Code/invalidState`` before the handshake completed or
    ///   after ``shutdown()``; otherwise the session's failure.
    @discardableResult
    public func writePlaintext(_ plaintext: UnsafeRawBufferPointer) throws -> Int {
        try self.checkWritable()
        guard let base = plaintext.baseAddress else {
            return 0
        }
        var total = 0
        while total < plaintext.count {
            OpenSSLErrorQueue.clear()
            var written = 0
            let rc = SSL_write_ex(self.ssl, base + total, plaintext.count - total, &written)
            guard rc == 1 else {
                let sslError = SSL_get_error(self.ssl, rc)
                if sslError == SSL_ERROR_WANT_READ {
                    return total
                }
                throw self.fail(self.failure(sslError: sslError, during: .write))
            }
            total += written
        }
        return total
    }

    /// Encrypts `plaintext` into pending ciphertext.
    ///
    /// - Parameter plaintext: The bytes to send.
    /// - Returns: How many bytes were taken (see ``writePlaintext(_:)-(UnsafeRawBufferPointer)``).
    /// - Throws: As ``writePlaintext(_:)-(UnsafeRawBufferPointer)``.
    @discardableResult
    public func writePlaintext<Bytes: Collection<UInt8>>(_ plaintext: Bytes) throws -> Int {
        if let written = try plaintext.withContiguousStorageIfAvailable({
            try self.writePlaintext(UnsafeRawBufferPointer($0))
        }) {
            return written
        }
        return try Array(plaintext).withUnsafeBytes { try self.writePlaintext($0) }
    }

    /// Asks for fresh traffic keys (TLS 1.3 KeyUpdate); with `requestPeerUpdate`, the peer
    /// answers with its own update the next time it reads.
    ///
    /// - Parameter requestPeerUpdate: Whether the peer must update its sending keys as well.
    /// - Throws: ``TLSError/Code/invalidState`` on a TLS 1.2 session or before the handshake
    ///   completed.
    public func updateKeys(requestPeerUpdate: Bool = true) throws {
        try self.checkWritable()
        guard self.protocolVersion == .v1_3 else {
            throw TLSError(code: .invalidState, message: "key updates need TLS 1.3")
        }
        OpenSSLErrorQueue.clear()
        let kind = requestPeerUpdate ? SSL_KEY_UPDATE_REQUESTED : SSL_KEY_UPDATE_NOT_REQUESTED
        guard SSL_key_update(self.ssl, kind) == 1 else {
            throw TLSError.draining(code: .internalError, context: "SSL_key_update failed")
        }
        // The update is queued; a handshake step sends it now rather than with the next write.
        OpenSSLErrorQueue.clear()
        let rc = SSL_do_handshake(self.ssl)
        if rc != 1 {
            let sslError = SSL_get_error(self.ssl, rc)
            if sslError != SSL_ERROR_WANT_READ {
                throw self.fail(self.failure(sslError: sslError, during: .keyUpdate))
            }
        }
    }

    private func checkWritable() throws {
        switch self.state {
        case .established:
            if SSL_get_shutdown(self.ssl) & SSL_SENT_SHUTDOWN != 0 {
                throw TLSError(code: .invalidState, message: "cannot write after shutdown()")
            }
        case .failed(let error):
            throw error
        case .handshaking:
            throw TLSError(code: .invalidState, message: "cannot write before the handshake completed")
        case .closed:
            throw TLSError(code: .invalidState, message: "the session is closed")
        }
    }
}
