internal import COpenSSL

/// A digest algorithm fetched from OpenSSL's default provider once per process.
///
/// Fetching explicitly avoids OpenSSL 3's implicit fetch (a locked provider lookup) on every
/// hash.
// @unchecked Sendable: the `EVP_MD` is never mutated after the fetch, and OpenSSL documents
// fetched algorithm objects as safe to use from any number of threads at once.
final class MessageDigest: @unchecked Sendable {
    /// SHA-256.
    static let sha256 = MessageDigest(name: "SHA256")

    /// The `EVP_MD*`, kept for the life of the process.
    let algorithm: OpaquePointer

    private init(name: String) {
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else {
            fatalError("OpenSSL has no \(name) implementation in its default provider")
        }
        self.algorithm = algorithm
    }

    deinit {
        EVP_MD_free(self.algorithm)
    }
}
