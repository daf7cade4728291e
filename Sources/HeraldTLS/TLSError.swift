/// An error from Herald's TLS layer: a failed handshake, a rejected certificate, a
/// configuration that cannot be loaded or a connection that ended badly.
///
/// Errors compare equal when their ``code`` is equal, so tests and callers can match on
/// `error.code == .certificateVerificationFailed` while the ``message`` says exactly what went
/// wrong (for example "client certificate verification failed: certificate has expired").
public struct TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public var code: Code

    /// A human-readable explanation naming the file, certificate problem or protocol step
    /// involved.
    public var message: String

    /// Every entry OpenSSL had queued when the error was raised, oldest first, as OpenSSL
    /// formats them (`error:0A000086:SSL routines::certificate verify failed`).
    public var openSSLErrors: [String]

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of failure this is.
    ///   - message: A human-readable explanation.
    ///   - openSSLErrors: The OpenSSL error queue's entries, if any.
    public init(code: Code, message: String, openSSLErrors: [String] = []) {
        self.code = code
        self.message = message
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        if self.openSSLErrors.isEmpty {
            return "TLSError(\(self.code)): \(self.message)"
        }
        return "TLSError(\(self.code)): \(self.message) [\(self.openSSLErrors.joined(separator: "; "))]"
    }

    public static func == (lhs: TLSError, rhs: TLSError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }
}
