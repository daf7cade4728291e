internal import COpenSSL

extension TLSSession {
    /// Closes this side of the connection cleanly by queueing `close_notify`.
    ///
    /// Send the pending ciphertext afterwards. If the peer has not closed yet, keep reading
    /// until ``TLSReadStatus/closed`` and call again to finish; the peer's in-flight data is
    /// still delivered. A session whose handshake never completed, or that failed, sends
    /// nothing (a failed one already queued its alert).
    ///
    /// - Returns: Whether both sides are now closed.
    /// - Throws: ``TLSError`` if OpenSSL fails to produce `close_notify`.
    public func shutdown() throws -> TLSShutdownStatus {
        switch self.state {
        case .handshaking, .failed:
            self.state = .closed
            return .complete
        case .closed:
            return .complete
        case .established:
            break
        }
        let flags = SSL_get_shutdown(self.ssl)
        if flags & SSL_SENT_SHUTDOWN != 0 && flags & SSL_RECEIVED_SHUTDOWN == 0 {
            // Already sent; SSL_shutdown would consume the peer's data while looking for its
            // close_notify, so leave that to readPlaintext.
            return .awaitingPeer
        }
        OpenSSLErrorQueue.clear()
        let rc = SSL_shutdown(self.ssl)
        if rc == 1 {
            self.state = .closed
            return .complete
        }
        if rc == 0 {
            return .awaitingPeer
        }
        let sslError = SSL_get_error(self.ssl, rc)
        if sslError == SSL_ERROR_WANT_READ {
            return .awaitingPeer
        }
        throw self.fail(self.failure(sslError: sslError, during: .shutdown))
    }
}
