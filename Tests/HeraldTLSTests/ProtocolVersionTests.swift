import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct ProtocolVersionTests {
    /// A TLS 1.2-only client and a server whose oldest version is `serverMinimum`.
    private func tls12Pair(serverMinimum: TLSVersion) throws -> SessionPair {
        let certificates = try TestCertificates.sharedBlocking()
        return try SessionPair.make(
            server: certificates.serverConfiguration(minimumVersion: serverMinimum),
            client: certificates.clientConfiguration(
                presenting: certificates.uriClient,
                minimumVersion: .v1_2,
                maximumVersion: .v1_2
            )
        )
    }

    @Test func tls12ClientIsRejectedByADefaultServer() throws {
        var pair = try self.tls12Pair(serverMinimum: .v1_3)
        pair.run()
        let serverError = try #require(pair.server.error)
        #expect(serverError.code == .unsupportedProtocolVersion)
        #expect(serverError.message.contains("protocol version too low"))
        #expect(serverError.message.contains("TLS 1.3 only"))
        let clientError = try #require(pair.client.error)
        #expect(clientError.code == .unsupportedProtocolVersion)
    }

    @Test func tls12ClientIsAcceptedWhenTheServerAllowsIt() throws {
        var pair = try self.tls12Pair(serverMinimum: .v1_2)
        try pair.handshake()
        #expect(pair.server.session.protocolVersion == .v1_2)
        #expect(pair.client.session.protocolVersion == .v1_2)
        #expect(pair.server.session.peerIdentity?.name == TestCertificates.uriClientIdentity)

        try pair.client.session.writePlaintext(Array("over TLS 1.2".utf8))
        pair.run()
        #expect(pair.server.received == Array("over TLS 1.2".utf8))
    }

    @Test func aServerAllowingTLS12StillPrefersTLS13() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let pair = try SessionPair.established(server: certificates.serverConfiguration(minimumVersion: .v1_2))
        #expect(pair.server.session.protocolVersion == .v1_3)
    }

    @Test func keyUpdatesNeedTLS13() throws {
        var pair = try self.tls12Pair(serverMinimum: .v1_2)
        try pair.handshake()
        let error = #expect(throws: TLSError.self) { try pair.client.session.updateKeys() }
        #expect(error?.code == .invalidState)
    }
}
