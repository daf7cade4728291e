internal import COpenSSL

extension TLSSession {
    // MARK: Ciphertext in

    /// Hands the session ciphertext received from the peer.
    ///
    /// The bytes are copied; follow with ``handshake()`` or ``readPlaintext(appendingTo:)``.
    /// Bytes fed after ``feedEndOfStream()`` are ignored.
    ///
    /// - Parameter ciphertext: Bytes exactly as read from the transport, in order.
    public func feed(_ ciphertext: UnsafeRawBufferPointer) {
        guard var base = ciphertext.baseAddress, ciphertext.count > 0 else {
            return
        }
        guard !self.inputEnded else {
            assertionFailure("TLSSession.feed(_:) called after feedEndOfStream()")
            return
        }
        var remaining = ciphertext.count
        while remaining > 0 {
            let chunk = min(remaining, Int(Int32.max))
            OpenSSLErrorQueue.clear()
            // A memory BIO accepts every write unless allocation fails.
            let written = BIO_write(self.inputBIO, base, Int32(chunk))
            precondition(written == Int32(chunk), "BIO_write to a memory BIO failed")
            base += chunk
            remaining -= chunk
        }
    }

    /// Hands the session ciphertext received from the peer.
    ///
    /// - Parameter ciphertext: Bytes exactly as read from the transport, in order.
    public func feed<Bytes: Collection<UInt8>>(_ ciphertext: Bytes) {
        let done: Void? = ciphertext.withContiguousStorageIfAvailable { self.feed(UnsafeRawBufferPointer($0)) }
        if done == nil {
            Array(ciphertext).withUnsafeBytes { self.feed($0) }
        }
    }

    /// Tells the session that the transport reached end-of-stream: nothing more will arrive.
    ///
    /// Keep reading afterwards: ``readPlaintext(appendingTo:)`` returns what is still buffered,
    /// then reports ``TLSReadStatus/closed`` if the peer had sent `close_notify`, or throws
    /// ``TLSError/Code/truncated`` if it had not. A handshake in progress fails.
    public func feedEndOfStream() {
        self.inputEnded = true
    }

    // MARK: Ciphertext out

    /// How many bytes of ciphertext are waiting to be sent to the peer.
    public var pendingCiphertextCount: Int {
        Int(BIO_ctrl_pending(self.outputBIO))
    }

    /// Lends the pending ciphertext to `send` without copying it, and drops the bytes `send`
    /// reports as sent.
    ///
    /// Made for a non-blocking socket: `send` writes what it can and returns the count; the
    /// rest stays pending for the next writable event.
    ///
    /// - Parameter send: Called once, also when nothing is pending (with an empty buffer).
    ///   Returns how many bytes from the start of the buffer were sent (`0...buffer.count`).
    ///   The buffer must not escape the call.
    /// - Returns: The number of bytes dropped (what `send` returned).
    @discardableResult
    public func withPendingCiphertext(_ send: (UnsafeRawBufferPointer) throws -> Int) rethrows -> Int {
        var data: UnsafeMutablePointer<CChar>?
        let length = herald_BIO_get_mem_data(self.outputBIO, &data)
        let sent = try send(UnsafeRawBufferPointer(start: data, count: length > 0 ? Int(length) : 0))
        precondition(sent >= 0 && sent <= max(length, 0), "send reported more bytes than it was given")
        self.dropCiphertext(sent)
        return sent
    }

    /// Appends all pending ciphertext to `buffer`.
    ///
    /// - Parameter buffer: Where to append.
    /// - Returns: The number of bytes appended.
    @discardableResult
    public func takeCiphertext(appendingTo buffer: inout [UInt8]) -> Int {
        self.withPendingCiphertext { pending in
            buffer.append(contentsOf: pending)
            return pending.count
        }
    }

    /// Drops `count` bytes from the front of the output BIO without copying them.
    private func dropCiphertext(_ count: Int) {
        guard count > 0 else {
            return
        }
        let offset = herald_BIO_tell(self.outputBIO)
        let moved = herald_BIO_seek(self.outputBIO, offset + Int32(count))
        precondition(moved == offset + Int32(count), "BIO_seek on a memory BIO failed")
    }
}
