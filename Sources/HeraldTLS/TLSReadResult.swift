/// What a ``TLSSession`` read produced.
public struct TLSReadResult: Sendable, Hashable {
    /// How many plaintext bytes this call delivered.
    public var bytesRead: Int

    /// What to do next.
    public var status: TLSReadStatus

    /// Creates a result.
    public init(bytesRead: Int, status: TLSReadStatus) {
        self.bytesRead = bytesRead
        self.status = status
    }
}

/// What a reader should do after a ``TLSSession`` read.
public enum TLSReadStatus: Sendable, Hashable {
    /// All buffered ciphertext is consumed: wait for the transport, feed, read again.
    case needsInput
    /// Call again now: the destination filled up, or the stream ended and the next call
    /// reports how.
    case moreAvailable
    /// The peer closed its side cleanly (`close_notify`): no more plaintext will come. Reply
    /// with ``TLSSession/shutdown()``.
    case closed
}
