/// The outcome of one ``TLSSession/handshake()`` step.
public enum TLSHandshakeStatus: Sendable, Hashable {
    /// The handshake is done: application data can flow, and ``TLSSession/peerIdentity`` and
    /// ``TLSSession/protocolVersion`` are set. Read at once: the peer's first application data
    /// may have arrived in the same flight.
    case complete
    /// The handshake needs more ciphertext from the peer. Send any pending ciphertext first.
    case needsInput
}
