import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTLS
import HeraldTestSupport
import HeraldWire
import Testing

/// TLS and the connection preface over real sockets: who gets in, and who the server thinks
/// they are.
@Suite struct HandshakeTests {
    /// Client certificates (and TLS settings) a default server must turn away.
    enum RejectedClient: String, CaseIterable, CustomTestStringConvertible {
        case noCertificate
        case wrongCA
        case expiredCertificate
        case tls12Only

        func configuration(_ certificates: TestCertificates) -> TLSConfiguration {
            switch self {
            case .noCertificate:
                certificates.clientConfiguration(presenting: nil)
            case .wrongCA:
                certificates.clientConfiguration(presenting: certificates.wrongCAClient)
            case .expiredCertificate:
                certificates.clientConfiguration(presenting: certificates.expiredClient)
            case .tls12Only:
                certificates.clientConfiguration(
                    presenting: certificates.uriClient,
                    minimumVersion: .v1_2,
                    maximumVersion: .v1_2
                )
            }
        }

        var testDescription: String { rawValue }
    }

    /// The three places an identity can come from, in the order the server looks.
    enum IdentitySource: String, CaseIterable, CustomTestStringConvertible {
        case uriSAN
        case dnsSAN
        case commonName

        func certificate(_ certificates: TestCertificates) -> TestCertificates.Identity {
            switch self {
            case .uriSAN: certificates.uriClient
            case .dnsSAN: certificates.dnsClient
            case .commonName: certificates.commonNameClient
            }
        }

        var expectedIdentity: String {
            switch self {
            case .uriSAN: TestCertificates.uriClientIdentity
            case .dnsSAN: TestCertificates.dnsClientIdentity
            case .commonName: TestCertificates.commonNameClientIdentity
            }
        }

        var testDescription: String { rawValue }
    }

    @Test func mutualTLSClientIsAcceptedAndToldItsIdentity() async throws {
        let server = try TestServer.start()
        let (connection, settings) = try await server.openRaw()
        #expect(settings.protocolVersion == 1)
        #expect(settings.authenticatedIdentity == TestCertificates.uriClientIdentity)
        #expect(settings.maxFrameSize == UInt32(WireLimits.defaultMaxFrameSize))
        #expect(settings.maxConcurrentCalls == UInt32(WireLimits.defaultMaxConcurrentCalls))
        #expect(settings.implementationName == "heraldd")
        try await connection.roundTrip()
        connection.close()
        await server.stop()
    }

    @Test(arguments: RejectedClient.allCases)
    func defaultServerRejects(_ client: RejectedClient) async throws {
        let server = try TestServer.start()
        let connection = try server.connectRaw(tls: client.configuration(server.certificates))
        connection.send(RawFrames.preface + RawFrames.settings())
        let ending = try await connection.waitClosed()
        #expect(ending != .closeNotify)
        #expect(connection.receivedFrames.isEmpty, "the server must not speak the protocol to a rejected client")
        try await poll("the server to forget the connection") { server.server.connectionCount == 0 }
        await server.stop()
    }

    @Test func serverAllowingTLS12AcceptsATLS12Client() async throws {
        let server = try TestServer.start { configuration in
            configuration.tls = try! TestCertificates.shared().serverConfiguration(minimumVersion: .v1_2)
        }
        let (connection, settings) = try await RawConnection.open(
            to: server.address,
            tls: RejectedClient.tls12Only.configuration(server.certificates)
        )
        #expect(settings.authenticatedIdentity == TestCertificates.uriClientIdentity)
        try await connection.roundTrip()
        connection.close()
        await server.stop()
    }

    @Test(arguments: IdentitySource.allCases)
    func identityComesFromTheCertificate(_ source: IdentitySource) async throws {
        let probe = CallProbe()
        let policy = AccessPolicy(
            grants: IdentitySource.allCases.map {
                .init(identity: $0.expectedIdentity, role: .viewer, tenants: ["acme"])
            }
        )
        let server = try TestServer.start(
            routes: [
                ServerRoute(ContactService.getContact) { request, context in
                    await probe.record("call", context: context) {
                        GetContactResponse(contact: Contact(id: request.id))
                    }
                }
            ],
            policy: policy
        )
        let certificate = source.certificate(server.certificates)

        let (connection, settings) = try await server.openRaw(presenting: certificate)
        #expect(settings.authenticatedIdentity == source.expectedIdentity)
        connection.close()

        let channel = try server.channel(presenting: certificate)
        let response = try await channel.contacts.getContact(GetContactRequest(id: "c1"))
        #expect(response.contact?.id == "c1")
        #expect(probe.state.contexts["call"]?.caller.name == source.expectedIdentity)
        #expect(probe.state.contexts["call"]?.tenant == "acme")
        await channel.close()
        await server.stop()
    }
}
