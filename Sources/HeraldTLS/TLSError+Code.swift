extension TLSError {
    /// The kind of a ``TLSError``.
    ///
    /// A struct rather than an enum so that new kinds can be added without breaking callers
    /// that switch over the existing ones.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case invalidConfiguration
            case handshakeFailed
            case certificateVerificationFailed
            case peerCertificateMissing
            case unsupportedProtocolVersion
            case rejectedByPeer
            case protocolViolation
            case truncated
            case invalidState
            case internalError
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        public var description: String {
            self.kind.rawValue
        }

        /// The configuration is unusable: a file is missing or unreadable, a PEM file holds no
        /// certificate, the private key does not match the certificate, a required setting is
        /// absent.
        public static let invalidConfiguration = Self(.invalidConfiguration)

        /// The handshake failed for a reason not covered by a more specific code.
        public static let handshakeFailed = Self(.handshakeFailed)

        /// This side rejected the peer's certificate: expired, not yet valid, issued by an
        /// unknown CA, or (on a client) not naming the expected server.
        public static let certificateVerificationFailed = Self(.certificateVerificationFailed)

        /// A server that requires client certificates received none.
        public static let peerCertificateMissing = Self(.peerCertificateMissing)

        /// The peers share no allowed protocol version (for example a TLS 1.2 client talking to
        /// a server that requires TLS 1.3).
        public static let unsupportedProtocolVersion = Self(.unsupportedProtocolVersion)

        /// The peer aborted the connection with a fatal alert, typically because it rejected
        /// this side's certificate; the message names the alert.
        public static let rejectedByPeer = Self(.rejectedByPeer)

        /// The peer sent bytes that are not valid TLS (a plaintext client, a port scanner,
        /// corrupted records).
        public static let protocolViolation = Self(.protocolViolation)

        /// The stream ended without the peer's `close_notify`: the data may have been cut
        /// short by an attacker or a crash.
        public static let truncated = Self(.truncated)

        /// The session was used out of order (for example writing before the handshake
        /// completed, or after it failed or closed).
        public static let invalidState = Self(.invalidState)

        /// OpenSSL failed in a way that points at a bug or resource exhaustion.
        public static let internalError = Self(.internalError)
    }
}
