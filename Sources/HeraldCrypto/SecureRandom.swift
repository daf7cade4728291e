internal import COpenSSL

/// Cryptographically secure random bytes and numbers from OpenSSL's `RAND_bytes`.
///
/// Use it for anything an attacker must not guess: verification codes, activation tokens,
/// identifiers, keys. A failing random generator cannot be worked around safely, so these
/// functions stop the process rather than return weak output.
public enum SecureRandom {
    /// Fills `buffer` with random bytes.
    ///
    /// - Parameter buffer: The memory to overwrite.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard var base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return
        }
        var remaining = buffer.count
        while remaining > 0 {
            let chunk = min(remaining, Int(Int32.max))
            guard RAND_bytes(base, Int32(chunk)) == 1 else {
                fatalError("RAND_bytes failed: OpenSSL's random generator is unusable")
            }
            base += chunk
            remaining -= chunk
        }
    }

    /// Returns `count` random bytes.
    ///
    /// - Parameter count: How many bytes; zero or more.
    /// - Returns: The bytes.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes(count:) needs a non-negative count")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            Self.fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Returns a uniformly distributed number in `0..<bound`, without modulo bias.
    ///
    /// - Parameter bound: The exclusive upper bound; must be positive.
    /// - Returns: The number.
    public static func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "SecureRandom.uniform(below:) needs a positive bound")
        var generator = SecureRandomNumberGenerator()
        return UInt64.random(in: 0..<bound, using: &generator)
    }

    /// Returns a string of `digits` uniformly random decimal digits, such as a one-time
    /// verification code ("048213"); leading zeros are kept.
    ///
    /// - Parameter digits: How many digits, 1 to 18.
    /// - Returns: The code.
    public static func decimalCode(digits: Int) -> String {
        precondition((1...18).contains(digits), "SecureRandom.decimalCode(digits:) supports 1 to 18 digits")
        var bound: UInt64 = 1
        for _ in 0..<digits {
            bound *= 10
        }
        let value = String(Self.uniform(below: bound))
        return String(repeating: "0", count: digits - value.count) + value
    }
}
