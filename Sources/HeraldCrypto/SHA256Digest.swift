/// A SHA-256 digest: 32 bytes.
///
/// Equality is constant-time, so comparing a stored hash with a freshly computed one does not
/// reveal how many leading bytes matched.
public struct SHA256Digest: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    init(validatedBytes: [UInt8]) {
        self.bytes = validatedBytes
    }

    /// A digest from its bytes, or `nil` unless there are exactly 32.
    ///
    /// - Parameter bytes: The digest bytes (for example read back from storage).
    public init?(bytes: [UInt8]) {
        guard bytes.count == SHA256.byteCount else {
            return nil
        }
        self.bytes = bytes
    }

    /// A digest from 64 hexadecimal digits, or `nil` if `hexString` is not that.
    ///
    /// - Parameter hexString: The digest as lowercase or uppercase hex.
    public init?(hexString: String) {
        guard let bytes = Hex.decode(hexString) else {
            return nil
        }
        self.init(bytes: bytes)
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public var hexString: String {
        Hex.encode(self.bytes)
    }

    public var description: String {
        self.hexString
    }

    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        ConstantTime.equals(lhs.bytes, rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.bytes)
    }
}
