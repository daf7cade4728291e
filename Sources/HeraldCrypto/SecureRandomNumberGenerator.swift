internal import COpenSSL

/// A `RandomNumberGenerator` backed by OpenSSL's `RAND_bytes`, for the standard library's
/// `random(in:using:)`, `shuffled(using:)` and `randomElement(using:)`.
///
/// ```swift
/// var generator = SecureRandomNumberGenerator()
/// let index = Int.random(in: 0..<alphabet.count, using: &generator)
/// ```
public struct SecureRandomNumberGenerator: RandomNumberGenerator, Sendable {
    /// Creates a generator; it holds no state.
    public init() {}

    /// Returns 64 random bits.
    public mutating func next() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { SecureRandom.fill($0) }
        return value
    }
}
