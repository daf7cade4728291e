/// The outcome of ``TLSSession/shutdown()``.
public enum TLSShutdownStatus: Sendable, Hashable {
    /// This side's `close_notify` is pending to be sent; the peer's has not arrived yet. Keep
    /// reading until ``TLSReadStatus/closed``, then call ``TLSSession/shutdown()`` again (or
    /// simply close the transport if waiting is not worth it).
    case awaitingPeer
    /// Both sides have sent `close_notify` (or the handshake never completed): send any
    /// pending ciphertext and close the transport.
    case complete
}
