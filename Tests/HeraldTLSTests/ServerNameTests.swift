import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct ServerNameTests {
    /// The default server and a client expecting `serverName`.
    private func pair(serverName: String) throws -> SessionPair {
        let certificates = try TestCertificates.sharedBlocking()
        return try SessionPair.make(
            client: certificates.clientConfiguration(presenting: certificates.uriClient, serverName: serverName)
        )
    }

    @Test(arguments: ["localhost", "127.0.0.1", "::1", "[::1]"])
    func namesInTheServerCertificateVerify(name: String) throws {
        var pair = try self.pair(serverName: name)
        try pair.handshake()
    }

    @Test(arguments: ["example.com", "127.0.0.2", "::2", "localhost.evil"])
    func otherNamesAreRejected(name: String) throws {
        var pair = try self.pair(serverName: name)
        pair.run()
        let error = try #require(pair.client.error)
        #expect(error.code == .certificateVerificationFailed)
        #expect(error.message.contains("not valid for '\(name)'"))
    }

    @Test func serverCertificateForAnotherHostIsRejected() throws {
        let certificates = try TestCertificates.sharedBlocking()
        var server = certificates.serverConfiguration()
        server.certificateChainPath = certificates.otherHostServer.certificatePath
        server.privateKeyPath = certificates.otherHostServer.privateKeyPath
        var pair = try SessionPair.make(server: server)
        pair.run()
        #expect(pair.client.error?.code == .certificateVerificationFailed)
        #expect(pair.client.error?.message.contains("mismatch") == true)
    }

    @Test func sessionServerNameOverridesTheConfiguration() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let serverContext = try TLSContext(
            configuration: certificates.serverConfiguration(),
            role: .server,
            logger: SessionPair.logger
        )
        let clientContext = try TLSContext(
            configuration: certificates.clientConfiguration(
                presenting: certificates.uriClient,
                serverName: "example.com"
            ),
            role: .client,
            logger: SessionPair.logger
        )
        // The session's name is the one checked: the server's certificate carries it.
        var overridden = SessionPair(
            server: try serverContext.makeSession(),
            client: try clientContext.makeSession(serverName: "localhost")
        )
        try overridden.handshake()

        // Without one, the configuration's name is checked, and the certificate lacks it.
        var configured = SessionPair(server: try serverContext.makeSession(), client: try clientContext.makeSession())
        configured.run()
        let error = try #require(configured.client.error)
        #expect(error.code == .certificateVerificationFailed)
        #expect(error.message.contains("not valid for 'example.com'"))
    }
}
