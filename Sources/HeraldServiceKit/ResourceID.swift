import HeraldCrypto

/// Resource ids: a type prefix and 26 lowercase base32 characters of a 48-bit millisecond
/// timestamp followed by 80 random bits (`ct_01jf9…`).
///
/// Ids made later sort after earlier ones, so a table keyed by id lists in creation order, and
/// the 80 random bits keep them unguessable.
public enum ResourceID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// A new id, e.g. `make(prefix: "ct_", at: clock.nowUnixMilliseconds())`.
    public static func make(prefix: String, at unixMilliseconds: Int64) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let time = UInt64(max(0, unixMilliseconds))
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: time >> (40 - 8 * UInt64(index)))
        }
        let random = SecureRandom.bytes(count: 10)
        bytes.replaceSubrange(6..<16, with: random)
        return prefix + encode(bytes)
    }

    /// Whether `id` has the shape of an id with this prefix (it may still not exist).
    public static func isWellFormed(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let body = id.utf8.dropFirst(prefix.utf8.count)
        return body.count == 26 && body.allSatisfy { alphabet.contains($0) }
    }

    /// Crockford-style base32 of 128 bits: 26 characters, most significant first.
    private static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(26)
        // 128 bits = 2 leading bits + 25 × 5 bits; pad the front so groups align.
        var buffer: UInt32 = 0
        var bits = 2
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
