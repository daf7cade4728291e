import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct HandshakeTests {
    @Test(arguments: [Chunking.whole, .oneByte, .random(seed: 7, maximum: 300)])
    func mutualTLSSucceedsAndReportsThePeers(chunking: Chunking) throws {
        let pair = try SessionPair.established(chunking: chunking)

        #expect(pair.server.session.protocolVersion == .v1_3)
        #expect(pair.client.session.protocolVersion == .v1_3)
        let client = try #require(pair.server.session.peerIdentity)
        #expect(client.name == TestCertificates.uriClientIdentity)
        #expect(client.source == .uri)
        let server = try #require(pair.client.session.peerIdentity)
        #expect(server.name == "localhost")
        #expect(server.source == .dnsName)
    }

    @Test func optionalClientAuthenticationAcceptsAnonymousClients() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let pair = try SessionPair.established(
            server: certificates.serverConfiguration(clientAuthentication: .optional),
            client: certificates.clientConfiguration(presenting: nil)
        )
        #expect(pair.server.session.peerIdentity == nil)
    }

    @Test func optionalClientAuthenticationStillVerifiesPresentedCertificates() throws {
        let certificates = try TestCertificates.sharedBlocking()
        var pair = try SessionPair.make(
            server: certificates.serverConfiguration(clientAuthentication: .optional),
            client: certificates.clientConfiguration(presenting: certificates.wrongCAClient)
        )
        pair.run()
        #expect(pair.server.error?.code == .certificateVerificationFailed)
    }

    @Test func endOfStreamDuringTheHandshakeFails() throws {
        let pair = try SessionPair.make()
        #expect(try pair.client.session.handshake() == .needsInput)
        #expect(pair.client.session.pendingCiphertextCount > 0)
        pair.client.session.feedEndOfStream()
        let error = #expect(throws: TLSError.self) { try pair.client.session.handshake() }
        #expect(error?.code == .handshakeFailed)
        // The failure sticks.
        #expect(throws: TLSError.self) { try pair.client.session.handshake() }
    }

    @Test func readingOrWritingBeforeTheHandshakeIsAnError() throws {
        let pair = try SessionPair.make()
        var sink: [UInt8] = []
        let readError = #expect(throws: TLSError.self) {
            try pair.server.session.readPlaintext(appendingTo: &sink)
        }
        #expect(readError?.code == .invalidState)
        let writeError = #expect(throws: TLSError.self) {
            try pair.client.session.writePlaintext([1, 2, 3])
        }
        #expect(writeError?.code == .invalidState)
    }
}
