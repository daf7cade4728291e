/// The 8 bytes each side sends first, right after the TLS handshake: `0x89 'H' 'R' 'L' 'D'
/// '\r' '\n'` and the protocol's major version.
///
/// The non-ASCII first byte and the CR LF make an HTTP request, a TLS record or a text-mode
/// transfer differ within the first bytes, so a wrong peer is rejected at once.
public enum ConnectionPreface {
    /// The protocol major version this implementation speaks.
    public static let version: UInt8 = 1

    /// The preface of version ``version``.
    public static let bytes: [UInt8] = [0x89, 0x48, 0x52, 0x4C, 0x44, 0x0D, 0x0A, version]
}
