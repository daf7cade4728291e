import Foundation
public import HeraldTLS
import Synchronization

/// Certificates for tests, made at run time with the `openssl` command in a fresh temporary
/// directory: no key is ever committed, and every test process gets its own.
///
/// ``shared()`` makes the set once per process (about a dozen `openssl` runs, well under a
/// second) and hands the same set to every caller; concurrent first callers wait for it.
///
/// What the set holds (every certificate EC P-256):
/// - ``caPath``: the trusted test CA; ``otherCAPath``: an unrelated CA.
/// - ``server``: `localhost`, `127.0.0.1` and `::1`, from the trusted CA;
///   ``otherHostServer``: only `other.herald.test`.
/// - Client certificates from the trusted CA: ``uriClient`` (URI + DNS SANs and a CN),
///   ``dnsClient`` (DNS SAN and a CN), ``commonNameClient`` (CN only), ``expiredClient``
///   (valid only in January 2020); and ``wrongCAClient`` from the unrelated CA.
///
/// Further client certificates, such as one per role in an access-policy test, come from
/// ``issueClient(name:uri:dnsName:commonName:)``.
public final class TestCertificates: Sendable {
    /// A certificate and its private key, as PEM files.
    public struct Identity: Sendable, Hashable {
        /// The certificate (PEM).
        public let certificatePath: String
        /// The private key (PEM, unencrypted).
        public let privateKeyPath: String
    }

    /// The URI SAN of ``uriClient``.
    public static let uriClientIdentity = "spiffe://herald.test/ns/tests/sa/uri-client"
    /// The DNS SAN of ``dnsClient``.
    public static let dnsClientIdentity = "dns-client.herald.test"
    /// The CN of ``commonNameClient``.
    public static let commonNameClientIdentity = "herald-cn-client"
    /// The URI SAN of ``expiredClient`` and ``wrongCAClient``.
    public static let rejectedClientIdentity = "spiffe://herald.test/ns/tests/sa/rejected"

    /// The directory holding every file.
    public let directory: String
    /// The trusted CA's certificate (PEM): the trust roots of every ready-made configuration.
    public let caPath: String
    /// A CA that nothing trusts.
    public let otherCAPath: String
    /// The server certificate for `localhost`, `127.0.0.1` and `::1`.
    public let server: Identity
    /// A server certificate valid only for `other.herald.test`.
    public let otherHostServer: Identity
    /// A client with URI SAN ``uriClientIdentity``, a DNS SAN and a CN.
    public let uriClient: Identity
    /// A client with DNS SAN ``dnsClientIdentity`` and a CN, but no URI.
    public let dnsClient: Identity
    /// A client with only the CN ``commonNameClientIdentity``.
    public let commonNameClient: Identity
    /// A client certificate from the trusted CA that expired in January 2020.
    public let expiredClient: Identity
    /// A client certificate issued by ``otherCAPath``.
    public let wrongCAClient: Identity

    private let authority: CertificateAuthority
    private let issued = Mutex<[String: Identity]>([:])

    private static let cache = Mutex<TestCertificates?>(nil)

    /// The process-wide set, made on first use — from async code.
    ///
    /// The first call runs `openssl` on a thread of its own, so the waiting tasks never hold
    /// Swift's cooperative threads (two on a 2-core machine) while certificates are made.
    ///
    /// - Returns: The certificates.
    /// - Throws: ``TestCertificatesError`` when `openssl` is missing or fails.
    public static func shared() async throws -> TestCertificates {
        if let cached = cache.withLock({ $0 }) { return cached }
        return try await offThePool { try sharedBlocking() }
    }

    /// The process-wide set, made on first use — from synchronous code; blocks the calling
    /// thread while certificates are made.
    ///
    /// - Returns: The certificates.
    /// - Throws: ``TestCertificatesError`` when `openssl` is missing or fails.
    public static func sharedBlocking() throws -> TestCertificates {
        try Self.cache.withLock { cached in
            if let cached {
                return cached
            }
            let made = try TestCertificates()
            cached = made
            atexit {
                if let directory = TestCertificates.cache.withLock({ $0?.directory }) {
                    try? FileManager.default.removeItem(atPath: directory)
                }
            }
            return made
        }
    }

    private init() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-test-certs-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let openssl = OpenSSLCommand(directory: directory)
        let authority = try CertificateAuthority(name: "ca", commonName: "Herald Test CA", openssl: openssl)
        let other = try CertificateAuthority(name: "other-ca", commonName: "Unrelated Test CA", openssl: openssl)
        self.directory = directory
        self.authority = authority
        self.caPath = authority.certificatePath
        self.otherCAPath = other.certificatePath
        self.server = try authority.issue(
            name: "server",
            subject: "/O=Herald Tests/CN=localhost",
            usage: .server,
            subjectAltNames: ["DNS:localhost", "IP:127.0.0.1", "IP:::1"]
        )
        self.otherHostServer = try authority.issue(
            name: "other-host-server",
            subject: "/O=Herald Tests/CN=other.herald.test",
            usage: .server,
            subjectAltNames: ["DNS:other.herald.test"]
        )
        self.uriClient = try authority.issue(
            name: "uri-client",
            subject: "/O=Herald Tests/CN=herald-uri-client",
            usage: .client,
            subjectAltNames: ["URI:\(Self.uriClientIdentity)", "DNS:uri-client.herald.test"]
        )
        self.dnsClient = try authority.issue(
            name: "dns-client",
            subject: "/O=Herald Tests/CN=herald-dns-client",
            usage: .client,
            subjectAltNames: ["DNS:\(Self.dnsClientIdentity)"]
        )
        self.commonNameClient = try authority.issue(
            name: "cn-client",
            subject: "/O=Herald Tests/CN=\(Self.commonNameClientIdentity)",
            usage: .client,
            subjectAltNames: []
        )
        self.expiredClient = try authority.issue(
            name: "expired-client",
            subject: "/O=Herald Tests/CN=herald-expired-client",
            usage: .client,
            subjectAltNames: ["URI:\(Self.rejectedClientIdentity)"],
            validity: .expired
        )
        self.wrongCAClient = try other.issue(
            name: "wrong-ca-client",
            subject: "/O=Herald Tests/CN=herald-wrong-ca-client",
            usage: .client,
            subjectAltNames: ["URI:\(Self.rejectedClientIdentity)"]
        )
    }

    /// Issues (once per `name`, then cached) a client certificate from the trusted CA.
    ///
    /// - Parameters:
    ///   - name: A file-name-safe key for the certificate, such as `"viewer"`.
    ///   - uri: A URI SAN, such as `spiffe://herald.test/ns/ops/sa/viewer`.
    ///   - dnsName: A DNS SAN.
    ///   - commonName: The subject CN; defaults to `name`.
    /// - Returns: The certificate and key.
    /// - Throws: ``TestCertificatesError`` when `openssl` fails.
    public func issueClient(
        name: String,
        uri: String? = nil,
        dnsName: String? = nil,
        commonName: String? = nil
    ) throws -> Identity {
        try self.issued.withLock { issued in
            if let identity = issued[name] {
                return identity
            }
            let subjectAltNames = [uri.map { "URI:\($0)" }, dnsName.map { "DNS:\($0)" }].compactMap { $0 }
            let identity = try self.authority.issue(
                name: "client-\(name)",
                subject: "/O=Herald Tests/CN=\(commonName ?? name)",
                usage: .client,
                subjectAltNames: subjectAltNames
            )
            issued[name] = identity
            return identity
        }
    }

    /// A server configuration with the ``server`` certificate, trusting the test CA for client
    /// certificates.
    ///
    /// - Parameters:
    ///   - minimumVersion: The oldest version accepted (TLS 1.3 by default).
    ///   - clientAuthentication: Whether clients need certificates (required by default).
    /// - Returns: The configuration.
    public func serverConfiguration(
        minimumVersion: TLSVersion = .v1_3,
        clientAuthentication: TLSConfiguration.ClientAuthentication = .required
    ) -> TLSConfiguration {
        var configuration = TLSConfiguration.server(
            certificateChainPath: self.server.certificatePath,
            privateKeyPath: self.server.privateKeyPath,
            trustRootsPath: self.caPath
        )
        configuration.minimumVersion = minimumVersion
        configuration.clientAuthentication = clientAuthentication
        return configuration
    }

    /// A client configuration presenting ``uriClient``, trusting the test CA and expecting the
    /// server to be `localhost`.
    ///
    /// - Returns: The configuration.
    public func clientConfiguration() -> TLSConfiguration {
        self.clientConfiguration(presenting: self.uriClient)
    }

    /// A client configuration presenting `identity`, trusting the test CA and expecting the
    /// server to be `serverName`.
    ///
    /// - Parameters:
    ///   - identity: The client certificate to present, or `nil` for none.
    ///   - serverName: The expected server name (`localhost` by default).
    ///   - minimumVersion: The oldest version offered.
    ///   - maximumVersion: The newest version offered.
    /// - Returns: The configuration.
    public func clientConfiguration(
        presenting identity: Identity?,
        serverName: String? = "localhost",
        minimumVersion: TLSVersion = .v1_3,
        maximumVersion: TLSVersion = .v1_3
    ) -> TLSConfiguration {
        var configuration = TLSConfiguration.client(
            certificateChainPath: identity?.certificatePath,
            privateKeyPath: identity?.privateKeyPath,
            trustRootsPath: self.caPath,
            serverName: serverName
        )
        configuration.minimumVersion = minimumVersion
        configuration.maximumVersion = maximumVersion
        return configuration
    }
}
