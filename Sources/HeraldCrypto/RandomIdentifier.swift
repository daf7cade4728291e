/// Unguessable opaque identifiers: a readable prefix and random bytes in base32.
///
/// `RandomIdentifier.make(prefix: "ct_")` gives `ct_` followed by 26 characters from
/// `a-z2-7` (RFC 4648 base32, lowercase, unpadded) encoding 128 random bits: safe in URLs,
/// file names and case-insensitive contexts, and impossible to enumerate.
public enum RandomIdentifier {
    /// Makes an identifier.
    ///
    /// - Parameters:
    ///   - prefix: Text put in front, typically naming the kind (`"ct_"`, `"grp_"`).
    ///   - byteCount: How many random bytes to encode; 16 (128 bits) by default.
    /// - Returns: `prefix` followed by the base32 encoding of the random bytes.
    public static func make(prefix: String = "", byteCount: Int = 16) -> String {
        precondition(byteCount > 0, "RandomIdentifier.make needs at least one random byte")
        return prefix + Base32.encode(SecureRandom.bytes(count: byteCount))
    }
}
