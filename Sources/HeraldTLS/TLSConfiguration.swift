/// What a ``TLSContext`` loads and enforces: certificates, trust roots, protocol versions and
/// peer verification.
///
/// The defaults are Herald's policy: TLS 1.3 only, and on a server, mutual TLS (a client
/// certificate is required and verified against ``trustRootsPath``). TLS 1.2 is negotiated
/// only when ``minimumVersion`` is set to ``TLSVersion/v1_2`` explicitly.
///
/// Build one with ``server(certificateChainPath:privateKeyPath:trustRootsPath:)`` or
/// ``client(certificateChainPath:privateKeyPath:trustRootsPath:serverName:)`` and adjust the
/// fields as needed; files are read when the ``TLSContext`` is created.
public struct TLSConfiguration: Sendable, Hashable {
    /// Whether a server asks for, and verifies, a client certificate.
    public enum ClientAuthentication: Sendable, Hashable {
        /// A client certificate is required and must verify (mutual TLS). The default.
        case required
        /// A client certificate is requested and verified if sent; clients without one are
        /// still accepted and have no peer identity.
        case optional
        /// No client certificate is requested.
        case disabled
    }

    /// A PEM file holding this side's certificate followed by any intermediate certificates.
    /// Required on a server; on a client, the certificate presented for mutual TLS.
    public var certificateChainPath: String?

    /// A PEM file holding the private key for the first certificate in
    /// ``certificateChainPath``.
    public var privateKeyPath: String?

    /// A PEM file of CA certificates used to verify the peer. Required on a server that
    /// verifies clients; a client without one uses the system's default trust store.
    public var trustRootsPath: String?

    /// The oldest protocol version accepted. ``TLSVersion/v1_3`` unless lowered explicitly.
    public var minimumVersion: TLSVersion

    /// The newest protocol version offered. ``TLSVersion/v1_3`` unless lowered (tests use
    /// this to play an old peer).
    public var maximumVersion: TLSVersion

    /// Servers only: whether clients must present a certificate.
    public var clientAuthentication: ClientAuthentication

    /// Clients only: the server's expected name, sent as SNI when it is a DNS name and checked
    /// against the server certificate's subject alternative names (DNS or IP address).
    ///
    /// > Warning: When `nil`, a client verifies only that the server's certificate chains to a
    /// > trusted root, not whom it was issued to.
    public var serverName: String?

    /// Creates a configuration; prefer ``server(certificateChainPath:privateKeyPath:trustRootsPath:)``
    /// and ``client(certificateChainPath:privateKeyPath:trustRootsPath:serverName:)``.
    public init(
        certificateChainPath: String? = nil,
        privateKeyPath: String? = nil,
        trustRootsPath: String? = nil,
        minimumVersion: TLSVersion = .v1_3,
        maximumVersion: TLSVersion = .v1_3,
        clientAuthentication: ClientAuthentication = .required,
        serverName: String? = nil
    ) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.clientAuthentication = clientAuthentication
        self.serverName = serverName
    }

    /// A server configuration requiring mutual TLS 1.3.
    ///
    /// - Parameters:
    ///   - certificateChainPath: The server's certificate chain (PEM).
    ///   - privateKeyPath: The server's private key (PEM).
    ///   - trustRootsPath: The CAs that issue client certificates (PEM).
    /// - Returns: A configuration with the default policy.
    public static func server(
        certificateChainPath: String,
        privateKeyPath: String,
        trustRootsPath: String
    ) -> TLSConfiguration {
        TLSConfiguration(
            certificateChainPath: certificateChainPath,
            privateKeyPath: privateKeyPath,
            trustRootsPath: trustRootsPath
        )
    }

    /// A client configuration for TLS 1.3 that verifies the server's certificate and name.
    ///
    /// - Parameters:
    ///   - certificateChainPath: The client's certificate chain (PEM), for mutual TLS.
    ///   - privateKeyPath: The client's private key (PEM).
    ///   - trustRootsPath: The CAs that issue server certificates (PEM); `nil` for the system
    ///     trust store.
    ///   - serverName: The name the server's certificate must carry (a DNS name or an IP
    ///     address).
    /// - Returns: A configuration with the default policy.
    public static func client(
        certificateChainPath: String?,
        privateKeyPath: String?,
        trustRootsPath: String?,
        serverName: String?
    ) -> TLSConfiguration {
        TLSConfiguration(
            certificateChainPath: certificateChainPath,
            privateKeyPath: privateKeyPath,
            trustRootsPath: trustRootsPath,
            serverName: serverName
        )
    }
}
