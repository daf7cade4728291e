internal import COpenSSL

/// HMAC-SHA256 (RFC 2104) through OpenSSL: message authentication codes for signing webhooks
/// and keyed hashes of secrets.
public enum HMACSHA256 {
    /// The length of a code in bytes.
    public static let byteCount = 32

    /// Computes the authentication code of `message` under `key`.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - key: The secret key, of any length (longer than 64 bytes is hashed first, as RFC
    ///     2104 specifies).
    /// - Returns: The 32-byte code.
    public static func authenticationCode(
        for message: some Collection<UInt8>,
        key: some Collection<UInt8>
    ) -> [UInt8] {
        key.withContiguousBytes { key in
            message.withContiguousBytes { message in
                Self.authenticationCode(message: message, key: key)
            }
        }
    }

    /// Computes the authentication code of the UTF-8 encoding of `message` under `key`.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - key: The secret key.
    /// - Returns: The 32-byte code.
    public static func authenticationCode(for message: String, key: some Collection<UInt8>) -> [UInt8] {
        Self.authenticationCode(for: Array(message.utf8), key: key)
    }

    /// Whether `code` is the authentication code of `message` under `key`, compared in
    /// constant time.
    ///
    /// - Parameters:
    ///   - code: The code received.
    ///   - message: The message it claims to authenticate.
    ///   - key: The secret key.
    /// - Returns: `true` if the code is valid.
    public static func isValid(
        _ code: some Collection<UInt8>,
        for message: some Collection<UInt8>,
        key: some Collection<UInt8>
    ) -> Bool {
        ConstantTime.equals(Self.authenticationCode(for: message, key: key), code)
    }

    private static func authenticationCode(message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMAC key too long")
        // OpenSSL treats a null key as "reuse the previous key"; give it a real (empty) one.
        let emptyKey: UInt8 = 0
        return withUnsafePointer(to: emptyKey) { emptyKeyPointer in
            let keyPointer = key.baseAddress ?? UnsafeRawPointer(emptyKeyPointer)
            let messagePointer = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return [UInt8](unsafeUninitializedCapacity: Self.byteCount) { output, initialized in
                var length: UInt32 = 0
                guard
                    HMAC(
                        MessageDigest.sha256.algorithm,
                        keyPointer,
                        Int32(key.count),
                        messagePointer,
                        message.count,
                        output.baseAddress,
                        &length
                    ) != nil, length == UInt32(Self.byteCount)
                else {
                    fatalError("HMAC(SHA256) failed")
                }
                initialized = Self.byteCount
            }
        }
    }
}
