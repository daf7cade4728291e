import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct PeerIdentityTests {
    enum Client: Sendable, CaseIterable {
        case uri
        case dns
        case commonName
    }

    @Test(arguments: Client.allCases)
    func identityComesFromTheVerifiedClientCertificate(client: Client) throws {
        let certificates = try TestCertificates.sharedBlocking()
        let identity: TestCertificates.Identity
        let expectedName: String
        let expectedSource: TLSPeerIdentity.Source
        switch client {
        case .uri:
            (identity, expectedName, expectedSource) =
                (certificates.uriClient, TestCertificates.uriClientIdentity, .uri)
        case .dns:
            (identity, expectedName, expectedSource) =
                (certificates.dnsClient, TestCertificates.dnsClientIdentity, .dnsName)
        case .commonName:
            (identity, expectedName, expectedSource) =
                (certificates.commonNameClient, TestCertificates.commonNameClientIdentity, .commonName)
        }
        let pair = try SessionPair.established(client: certificates.clientConfiguration(presenting: identity))
        let peer = try #require(pair.server.session.peerIdentity)
        #expect(peer.name == expectedName)
        #expect(peer.source == expectedSource)
    }

    @Test func allThreeSourcesAreExposed() throws {
        let pair = try SessionPair.established()
        let peer = try #require(pair.server.session.peerIdentity)
        #expect(peer.uris == [TestCertificates.uriClientIdentity])
        #expect(peer.dnsNames == ["uri-client.herald.test"])
        #expect(peer.commonName == "herald-uri-client")
    }

    @Test func issuedClientsCarryTheirNames() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let viewer = try certificates.issueClient(name: "viewer", uri: "spiffe://herald.test/ns/ops/sa/viewer")
        #expect(try certificates.issueClient(name: "viewer") == viewer)
        let pair = try SessionPair.established(client: certificates.clientConfiguration(presenting: viewer))
        #expect(pair.server.session.peerIdentity?.name == "spiffe://herald.test/ns/ops/sa/viewer")
        #expect(pair.server.session.peerIdentity?.commonName == "viewer")
    }

    @Test func precedenceIsURIThenDNSThenCommonName() throws {
        let all = try #require(TLSPeerIdentity(uris: ["spiffe://a/b"], dnsNames: ["a.example"], commonName: "cn"))
        #expect(all.name == "spiffe://a/b")
        let dns = try #require(TLSPeerIdentity(uris: [], dnsNames: ["a.example", "b.example"], commonName: "cn"))
        #expect(dns.name == "a.example")
        #expect(dns.source == .dnsName)
        let commonName = try #require(TLSPeerIdentity(uris: [], dnsNames: [], commonName: "cn"))
        #expect(commonName.source == .commonName)
        #expect(TLSPeerIdentity(uris: [], dnsNames: [], commonName: nil) == nil)
        #expect(TLSPeerIdentity(uris: [], dnsNames: [], commonName: "") == nil)
    }
}
