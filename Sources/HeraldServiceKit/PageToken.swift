import HeraldCrypto
public import HeraldWire

/// Opaque page tokens: where the next page starts, bound to the query that made it, so a
/// token used with other filters is refused instead of silently skipping items.
///
/// A token is base64url of `<fingerprint>.<last key>`, where the fingerprint is a short
/// SHA-256 prefix of the query's description.
public enum PageToken {
    /// The token for a next page that starts after `lastKey`.
    public static func make(after lastKey: String, query: String) -> String {
        let text = fingerprint(query) + "." + lastKey
        return base64URL(Array(text.utf8))
    }

    /// The key to continue after, or nil for the first page.
    ///
    /// - Throws: INVALID_ARGUMENT on `page_token` when the token is malformed or was issued
    ///   for another query.
    public static func resume(_ token: String, query: String) throws(RPCError) -> String? {
        guard !token.isEmpty else { return nil }
        guard let bytes = decodeBase64URL(token), let text = String(validating: bytes, as: UTF8.self),
            let dot = text.firstIndex(of: ".")
        else {
            throw RPCError.invalidArgument(field: "page_token", "not a page token from this service")
        }
        guard text[..<dot] == fingerprint(query) else {
            throw RPCError.invalidArgument(field: "page_token", "the token was issued for a different query or filter")
        }
        return String(text[text.index(after: dot)...])
    }

    /// The page size to use: 0 → `defaultSize`, above `maximum` → `maximum`.
    ///
    /// - Throws: INVALID_ARGUMENT on `page_size` when negative.
    public static func pageSize(
        _ requested: Int32,
        default defaultSize: Int = 50,
        maximum: Int = 500
    ) throws(RPCError)
        -> Int
    {
        guard requested >= 0 else { throw RPCError.invalidArgument(field: "page_size", "must not be negative") }
        return requested == 0 ? defaultSize : min(Int(requested), maximum)
    }

    private static func fingerprint(_ query: String) -> String {
        String(SHA256.hash(query).hexString.prefix(12))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func base64URL(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var word: UInt32 = 0
            for (position, byte) in chunk.enumerated() { word |= UInt32(byte) << (16 - 8 * position) }
            for position in 0...chunk.count {
                output.append(alphabet[Int((word >> (18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var word: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            word = word << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: word >> UInt32(bits)))
            }
        }
        return output
    }
}
