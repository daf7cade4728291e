internal import COpenSSL

extension TLSSession {
    /// The largest plaintext a single TLS record carries.
    static let maximumRecordPlaintext = 16_384

    /// Decrypts buffered ciphertext into `buffer`, draining OpenSSL until it needs more input,
    /// the buffer is full, or the peer closed.
    ///
    /// Plaintext goes straight from OpenSSL into `buffer`: no intermediate copy.
    ///
    /// - Parameter buffer: Where to write plaintext, from its start.
    /// - Returns: How many bytes were written and what to do next.
    /// - Throws: ``TLSError``: ``TLSError/Code/truncated`` when the stream ended without
    ///   `close_notify`, ``TLSError/Code/rejectedByPeer`` for a fatal alert,
    ///   ``TLSError/Code/protocolViolation`` for corrupt records, ``TLSError/Code/invalidState``
    ///   before the handshake completed.
    public func readPlaintext(into buffer: UnsafeMutableRawBufferPointer) throws -> TLSReadResult {
        try self.checkReadable()
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return TLSReadResult(bytesRead: 0, status: self.hasBufferedInput ? .moreAvailable : .needsInput)
        }
        var total = 0
        while total < buffer.count {
            if total > 0 && !self.inputEnded && !self.hasBufferedInput {
                return TLSReadResult(bytesRead: total, status: .needsInput)
            }
            OpenSSLErrorQueue.clear()
            var count = 0
            let rc = SSL_read_ex(self.ssl, base + total, buffer.count - total, &count)
            guard rc == 1 else {
                return try self.finishRead(rc: rc, bytesRead: total)
            }
            total += count
        }
        return TLSReadResult(bytesRead: total, status: .moreAvailable)
    }

    /// Decrypts all buffered ciphertext, appending the plaintext to `buffer`, until OpenSSL
    /// needs more input or the peer closed.
    ///
    /// The array grows by at most one record's plaintext at a time and OpenSSL decrypts
    /// directly into it.
    ///
    /// - Parameter buffer: Where to append plaintext.
    /// - Returns: How many bytes were appended and what to do next (never
    ///   ``TLSReadStatus/moreAvailable`` unless the stream ended).
    /// - Throws: As ``readPlaintext(into:)``.
    public func readPlaintext(appendingTo buffer: inout [UInt8]) throws -> TLSReadResult {
        try self.checkReadable()
        var total = 0
        while true {
            if total > 0 && !self.inputEnded && !self.hasBufferedInput {
                // Everything fed has been decrypted: skip the SSL_read that would only say
                // want-read (a measurable share of a small RPC's cost).
                return TLSReadResult(bytesRead: total, status: .needsInput)
            }
            let chunk = self.nextReadSize()
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            OpenSSLErrorQueue.clear()
            var count = 0
            let rc = buffer.withUnsafeMutableBytes { bytes in
                SSL_read_ex(self.ssl, bytes.baseAddress! + start, chunk, &count)
            }
            buffer.removeLast(chunk - count)
            guard rc == 1 else {
                return try self.finishRead(rc: rc, bytesRead: total)
            }
            total += count
        }
    }

    /// Whether OpenSSL (decrypted or not) or its input BIO holds bytes not yet read.
    var hasBufferedInput: Bool {
        SSL_has_pending(self.ssl) == 1 || BIO_ctrl_pending(self.inputBIO) > 0
    }

    /// An upper bound on the plaintext the next `SSL_read` can return: the rest of the record
    /// OpenSSL already decrypted, else no more than the buffered ciphertext (plaintext is never
    /// longer than its record), capped at one record.
    private func nextReadSize() -> Int {
        let decrypted = Int(SSL_pending(self.ssl))
        if decrypted > 0 {
            return decrypted
        }
        let buffered = Int(BIO_ctrl_pending(self.inputBIO))
        return max(1, min(buffered, Self.maximumRecordPlaintext))
    }

    private func checkReadable() throws {
        switch self.state {
        case .established:
            return
        case .failed(let error):
            throw error
        case .handshaking:
            throw TLSError(code: .invalidState, message: "cannot read before the handshake completed")
        case .closed:
            throw TLSError(code: .invalidState, message: "the session is closed")
        }
    }

    /// Turns a failed `SSL_read` into a result or an error.
    private func finishRead(rc: Int32, bytesRead: Int) throws -> TLSReadResult {
        let sslError = SSL_get_error(self.ssl, rc)
        switch sslError {
        case SSL_ERROR_WANT_READ:
            guard self.inputEnded else {
                return TLSReadResult(bytesRead: bytesRead, status: .needsInput)
            }
            if bytesRead > 0 {
                // Deliver what was decrypted; the next call reports the truncation.
                return TLSReadResult(bytesRead: bytesRead, status: .moreAvailable)
            }
            throw self.fail(
                TLSError(
                    code: .truncated,
                    message:
                        "the connection ended without close_notify from the \(self.peerRoleName): the data may be truncated"
                )
            )
        case SSL_ERROR_ZERO_RETURN:
            return TLSReadResult(bytesRead: bytesRead, status: .closed)
        default:
            let error = self.fail(self.failure(sslError: sslError, during: .read))
            if bytesRead > 0 {
                // Deliver the plaintext that preceded the failure; the next call throws.
                return TLSReadResult(bytesRead: bytesRead, status: .moreAvailable)
            }
            throw error
        }
    }
}
