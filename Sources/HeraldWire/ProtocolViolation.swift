public import HeraldProtos

/// The peer broke the frame protocol in a way after which the byte stream cannot be trusted:
/// the connection ends with a goaway carrying ``code`` and ``message``, then closes.
public struct ProtocolViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code for the goaway (`.invalidArgument` for malformed input, `.resourceExhausted`
    /// for limits).
    public var code: StatusCode
    public var message: String
    /// True when the peer did not even send the preface: close without answering, it does
    /// not speak the protocol.
    public var isWrongPeer: Bool

    public init(code: StatusCode, message: String, isWrongPeer: Bool = false) {
        self.code = code
        self.message = message
        self.isWrongPeer = isWrongPeer
    }

    public var description: String { message }
}
