import HeraldTLS
import HeraldTestSupport
import Testing

@Suite struct ConfigurationTests {
    private func contextError(_ configuration: TLSConfiguration, role: TLSContext.Role) -> TLSError? {
        #expect(throws: TLSError.self) {
            _ = try TLSContext(configuration: configuration, role: role, logger: SessionPair.logger)
        }
    }

    @Test func missingCertificateFileIsNamed() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.serverConfiguration()
        configuration.certificateChainPath = "/nonexistent/server.pem"
        let error = self.contextError(configuration, role: .server)
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("'/nonexistent/server.pem'") == true)
        #expect(error?.message.lowercased().contains("no such file") == true)
        #expect(error?.openSSLErrors.isEmpty == false)
    }

    @Test func fileWithoutACertificateIsNamed() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.serverConfiguration()
        configuration.certificateChainPath = certificates.server.privateKeyPath
        let error = self.contextError(configuration, role: .server)
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains(certificates.server.privateKeyPath) == true)
    }

    @Test func mismatchedKeyIsReported() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.serverConfiguration()
        configuration.privateKeyPath = certificates.uriClient.privateKeyPath
        let error = self.contextError(configuration, role: .server)
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("does not match") == true)
    }

    @Test func missingTrustRootsFileIsNamed() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.clientConfiguration()
        configuration.trustRootsPath = "/nonexistent/ca.pem"
        let error = self.contextError(configuration, role: .client)
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("'/nonexistent/ca.pem'") == true)
    }

    @Test func serverNeedsTrustRootsForMutualTLS() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.serverConfiguration()
        configuration.trustRootsPath = nil
        #expect(self.contextError(configuration, role: .server)?.code == .invalidConfiguration)
        configuration.clientAuthentication = .disabled
        _ = try TLSContext(configuration: configuration, role: .server, logger: SessionPair.logger)
    }

    @Test func serverNeedsACertificate() {
        let configuration = TLSConfiguration(trustRootsPath: "/etc/ssl/certs/ca-certificates.crt")
        #expect(self.contextError(configuration, role: .server)?.code == .invalidConfiguration)
    }

    @Test func versionRangeMustBeOrdered() throws {
        let certificates = try TestCertificates.shared()
        var configuration = certificates.clientConfiguration()
        configuration.maximumVersion = .v1_2
        #expect(self.contextError(configuration, role: .client)?.code == .invalidConfiguration)
    }

    @Test func defaultsAreTLS13AndMutualTLS() {
        let configuration = TLSConfiguration.server(
            certificateChainPath: "c.pem",
            privateKeyPath: "k.pem",
            trustRootsPath: "ca.pem"
        )
        #expect(configuration.minimumVersion == .v1_3)
        #expect(configuration.maximumVersion == .v1_3)
        #expect(configuration.clientAuthentication == .required)
    }
}
