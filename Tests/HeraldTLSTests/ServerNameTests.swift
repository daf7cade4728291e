import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct ServerNameTests {
    @Test(arguments: ["localhost", "127.0.0.1", "::1", "[::1]"])
    func namesInTheServerCertificateVerify(name: String) throws {
        let certificates = try TestCertificates.shared()
        var pair = try SessionPair(
            server: certificates.serverConfiguration(),
            client: certificates.clientConfiguration(presenting: certificates.uriClient, serverName: name)
        )
        try pair.handshake()
    }

    @Test(arguments: ["example.com", "127.0.0.2", "::2", "localhost.evil"])
    func otherNamesAreRejected(name: String) throws {
        let certificates = try TestCertificates.shared()
        var pair = try SessionPair(
            server: certificates.serverConfiguration(),
            client: certificates.clientConfiguration(presenting: certificates.uriClient, serverName: name)
        )
        pair.run()
        let error = try #require(pair.client.error)
        #expect(error.code == .certificateVerificationFailed)
        #expect(error.message.contains("not valid for '\(name)'"))
    }

    @Test func serverCertificateForAnotherHostIsRejected() throws {
        let certificates = try TestCertificates.shared()
        var server = certificates.serverConfiguration()
        server.certificateChainPath = certificates.otherHostServer.certificatePath
        server.privateKeyPath = certificates.otherHostServer.privateKeyPath
        var pair = try SessionPair(server: server, client: certificates.clientConfiguration())
        pair.run()
        #expect(pair.client.error?.code == .certificateVerificationFailed)
        #expect(pair.client.error?.message.contains("mismatch") == true)
    }

    @Test func sessionServerNameOverridesTheConfiguration() throws {
        let certificates = try TestCertificates.shared()
        let clientContext = try TLSContext(
            configuration: certificates.clientConfiguration(presenting: nil, serverName: "example.com"),
            role: .client,
            logger: SessionPair.logger
        )
        // Creating a session for a name the configuration did not mention works.
        _ = try clientContext.makeSession(serverName: "127.0.0.1")
        _ = try clientContext.makeSession()
    }
}
