import HeraldCrypto
import HeraldProtos
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
        return Base64.encode(Array(text.utf8), url: true)
    }

    /// The key to continue after, or nil for the first page.
    ///
    /// - Throws: INVALID_ARGUMENT on `page_token` when the token is malformed or was issued
    ///   for another query.
    public static func resume(_ token: String, query: String) throws(RPCError) -> String? {
        guard !token.isEmpty else { return nil }
        guard let bytes = try? Base64.decode(token), let text = String(validating: bytes, as: UTF8.self),
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
}
