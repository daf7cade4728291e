internal import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL.
public enum SHA256 {
    /// The length of a digest in bytes.
    public static let byteCount = 32

    /// Hashes `bytes`.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: Its digest.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        let digest = [UInt8](unsafeUninitializedCapacity: Self.byteCount) { output, initialized in
            var length: UInt32 = 0
            // EVP_Digest accepts a null pointer for an empty message only with a zero length,
            // which `UnsafeRawBufferPointer` guarantees.
            guard
                EVP_Digest(
                    bytes.baseAddress,
                    bytes.count,
                    output.baseAddress,
                    &length,
                    MessageDigest.sha256.algorithm,
                    nil
                )
                    == 1,
                length == UInt32(Self.byteCount)
            else {
                fatalError("EVP_Digest(SHA256) failed")
            }
            initialized = Self.byteCount
        }
        return SHA256Digest(validatedBytes: digest)
    }

    /// Hashes `bytes`.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: Its digest.
    public static func hash(_ bytes: some Collection<UInt8>) -> SHA256Digest {
        bytes.withContiguousBytes { Self.hash($0) }
    }

    /// Hashes the UTF-8 encoding of `string`.
    ///
    /// - Parameter string: The message.
    /// - Returns: Its digest.
    public static func hash(_ string: String) -> SHA256Digest {
        Self.hash(Array(string.utf8))
    }
}
