import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTLS
import HeraldTestSupport
import HeraldTransport
import Logging

/// A real server on 127.0.0.1 (port 0) with the test certificates, and channels to it.
struct TestServer {
    let server: RPCServer
    let address: SocketAddress
    let certificates: TestCertificates

    /// The policy used unless a test passes its own: the URI client is admin of `acme`.
    static let defaultPolicy = AccessPolicy(grants: [
        .init(identity: TestCertificates.uriClientIdentity, role: .admin, tenants: ["acme"])
    ])

    static func start(
        routes: [ServerRoute] = [],
        policy: AccessPolicy = defaultPolicy,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws -> TestServer {
        let certificates = try TestCertificates.sharedBlocking()
        var configuration = ServerConfiguration(
            listenAddress: try SocketAddress(parsing: "127.0.0.1:0"),
            tls: certificates.serverConfiguration(),
            accessPolicy: policy
        )
        configure(&configuration)
        var logger = Logger(label: "herald.test.server")
        logger.logLevel = .critical
        let server = try RPCServer(configuration: configuration, routes: routes, logger: logger)
        let addresses = try server.start()
        return TestServer(server: server, address: addresses.tls, certificates: certificates)
    }

    /// A server whose GetContact handler parks (see ``TestRoutes/parkedGetContact(_:)``), and
    /// a raw connection whose call 1, for the contact `id`, that handler has started and holds.
    static func startWithParkedCall(
        id: String,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> (server: TestServer, probe: CallProbe, connection: RawConnection) {
        let probe = CallProbe()
        let server = try start(routes: [TestRoutes.parkedGetContact(probe)], configure: configure)
        let (connection, _) = try await server.openRaw()
        connection.send(RawFrames.getContact(1, id: id))
        try await probe.waitStarted(id)
        return (server, probe, connection)
    }

    /// A client channel presenting `identity` (the URI client by default), tenant `acme`.
    func channel(
        presenting identity: TestCertificates.Identity? = nil,
        configure: (inout ClientConfiguration) -> Void = { _ in }
    ) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: address,
            tls: certificates.clientConfiguration(presenting: identity ?? certificates.uriClient)
        )
        configuration.defaultTenant = "acme"
        configure(&configuration)
        return try HeraldChannel(configuration: configuration)
    }

    /// A raw connection that has exchanged prefaces and settings, presenting `identity` (the
    /// URI client by default).
    func openRaw(
        presenting identity: TestCertificates.Identity? = nil,
        settings: Settings = Settings(protocolVersion: 1, implementationName: "raw-test-client")
    ) async throws -> (RawConnection, Settings) {
        try await RawConnection.open(
            to: address,
            tls: certificates.clientConfiguration(presenting: identity ?? certificates.uriClient),
            settings: settings
        )
    }

    /// A raw connection that has only started connecting (TLS with `tls`, or plain TCP).
    func connectRaw(tls: TLSConfiguration?) throws -> RawConnection {
        try RawConnection.connect(to: address, tls: tls)
    }

    /// A channel presenting the URI client to any server at `address` (e.g. a scripted one).
    static func channel(
        to address: SocketAddress,
        configure: (inout ClientConfiguration) -> Void = { _ in }
    ) throws -> HeraldChannel {
        let certificates = try TestCertificates.sharedBlocking()
        var configuration = ClientConfiguration(serverAddress: address, tls: certificates.clientConfiguration())
        configuration.defaultTenant = "acme"
        configuration.retry.initialBackoff = .milliseconds(1)
        configure(&configuration)
        return try HeraldChannel(configuration: configuration)
    }

    func stop() async {
        await server.drain(timeout: .seconds(5))
    }
}
