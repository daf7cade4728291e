import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct CertificateRejectionTests {
    /// Runs a handshake that the server must refuse, and returns both sides' errors. In TLS 1.3
    /// the client finishes its half first and learns of the refusal from the server's alert.
    private func rejectedHandshake(
        client: TLSConfiguration,
        server: TLSConfiguration? = nil
    ) throws -> (server: TLSError, client: TLSError) {
        var pair = try SessionPair.make(server: server, client: client)
        pair.run()
        let serverError = try #require(pair.server.error)
        let clientError = try #require(pair.client.error)
        #expect(pair.server.session.peerIdentity == nil)
        #expect(pair.server.received.isEmpty)
        return (serverError, clientError)
    }

    @Test func clientWithoutCertificateIsRejected() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let errors = try self.rejectedHandshake(client: certificates.clientConfiguration(presenting: nil))
        #expect(errors.server.code == .peerCertificateMissing)
        #expect(errors.server.message.contains("no certificate"))
        #expect(errors.client.code == .rejectedByPeer)
        #expect(errors.client.message.contains("certificate required"))
    }

    @Test func clientCertificateFromAnotherCAIsRejected() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let errors = try self.rejectedHandshake(
            client: certificates.clientConfiguration(presenting: certificates.wrongCAClient)
        )
        #expect(errors.server.code == .certificateVerificationFailed)
        #expect(errors.server.message.contains("unknown CA"))
        #expect(errors.server.message.hasPrefix("client certificate verification failed"))
        #expect(errors.client.code == .rejectedByPeer)
        #expect(errors.client.message.contains("unknown CA"))
    }

    @Test func expiredClientCertificateIsRejected() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let errors = try self.rejectedHandshake(
            client: certificates.clientConfiguration(presenting: certificates.expiredClient)
        )
        #expect(errors.server.code == .certificateVerificationFailed)
        #expect(errors.server.message.contains("certificate has expired"))
        #expect(errors.client.code == .rejectedByPeer)
        #expect(errors.client.message.contains("expired"))
    }

    @Test func serverCertificateFromAnUntrustedCAIsRejectedByTheClient() throws {
        let certificates = try TestCertificates.sharedBlocking()
        var client = certificates.clientConfiguration()
        client.trustRootsPath = certificates.otherCAPath
        var pair = try SessionPair.make(client: client)
        pair.run()
        let error = try #require(pair.client.error)
        #expect(error.code == .certificateVerificationFailed)
        #expect(error.message.hasPrefix("server certificate verification failed"))
        #expect(pair.server.error?.code == .rejectedByPeer)
    }

    @Test func failedHandshakeLeavesAnAlertToSend() throws {
        let certificates = try TestCertificates.sharedBlocking()
        let serverContext = try TLSContext(
            configuration: certificates.serverConfiguration(),
            role: .server,
            logger: SessionPair.logger
        )
        let clientContext = try TLSContext(
            configuration: certificates.clientConfiguration(presenting: certificates.expiredClient),
            role: .client,
            logger: SessionPair.logger
        )
        let server = try serverContext.makeSession()
        let client = try clientContext.makeSession()
        var bytes: [UInt8] = []
        for _ in 0..<10 {
            _ = try client.handshake()
            bytes.removeAll()
            client.takeCiphertext(appendingTo: &bytes)
            server.feed(bytes)
            do {
                _ = try server.handshake()
            } catch let error as TLSError {
                #expect(error.code == .certificateVerificationFailed)
                #expect(!error.openSSLErrors.isEmpty)
                #expect(server.pendingCiphertextCount > 0)
                return
            }
            bytes.removeAll()
            server.takeCiphertext(appendingTo: &bytes)
            client.feed(bytes)
        }
        Issue.record("the server accepted an expired client certificate")
    }
}
