internal import COpenSSL

/// Comparisons whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes, comparing every byte (`CRYPTO_memcmp`).
    ///
    /// Lengths are compared first and are not secret: inputs of different lengths return
    /// `false` at once.
    ///
    /// - Parameters:
    ///   - lhs: One byte sequence, such as a stored hash.
    ///   - rhs: The other, such as a freshly computed hash.
    /// - Returns: `true` if they are equal.
    public static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else {
            return true
        }
        return CRYPTO_memcmp(left, right, lhs.count) == 0
    }

    /// Whether `lhs` and `rhs` hold the same bytes, comparing every byte.
    ///
    /// - Parameters:
    ///   - lhs: One byte sequence.
    ///   - rhs: The other.
    /// - Returns: `true` if they are equal.
    public static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        lhs.withContiguousBytes { left in
            rhs.withContiguousBytes { right in
                Self.equals(left, right)
            }
        }
    }

    /// Whether two strings have the same UTF-8 bytes, comparing every byte.
    ///
    /// - Parameters:
    ///   - lhs: One string, such as a code typed by a user.
    ///   - rhs: The other.
    /// - Returns: `true` if they are equal byte for byte (no Unicode normalisation).
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        Self.equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
