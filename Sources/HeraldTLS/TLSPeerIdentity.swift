/// Who the peer is, according to its verified certificate.
///
/// ``name`` is Herald's identity for access control, chosen in this order: the first URI
/// subject alternative name (a SPIFFE id such as `spiffe://mesh.local/ns/ops/sa/scheduler`),
/// else the first DNS subject alternative name, else the subject's common name. All three
/// sources are kept for policies that need them.
public struct TLSPeerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// Where ``TLSPeerIdentity/name`` came from.
    public enum Source: Sendable, Hashable {
        /// A URI subject alternative name.
        case uri
        /// A DNS subject alternative name.
        case dnsName
        /// The subject's common name (CN).
        case commonName
    }

    /// The identity: first URI SAN, else first DNS SAN, else CN.
    public let name: String

    /// Which part of the certificate ``name`` came from.
    public let source: Source

    /// Every URI subject alternative name, in certificate order.
    public let uris: [String]

    /// Every DNS subject alternative name, in certificate order.
    public let dnsNames: [String]

    /// The subject's common name, if any (the last one when there are several).
    public let commonName: String?

    /// Builds the identity from a certificate's names.
    ///
    /// - Parameters:
    ///   - uris: URI subject alternative names.
    ///   - dnsNames: DNS subject alternative names.
    ///   - commonName: The subject's common name.
    /// - Returns: `nil` when there is no usable name at all.
    public init?(uris: [String], dnsNames: [String], commonName: String?) {
        if let uri = uris.first {
            self.name = uri
            self.source = .uri
        } else if let dnsName = dnsNames.first {
            self.name = dnsName
            self.source = .dnsName
        } else if let commonName, !commonName.isEmpty {
            self.name = commonName
            self.source = .commonName
        } else {
            return nil
        }
        self.uris = uris
        self.dnsNames = dnsNames
        self.commonName = commonName
    }

    public var description: String {
        self.name
    }
}
