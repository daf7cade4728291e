import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTLS
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// The client-library example of README.md, run against a test server (with a stand-in for
/// CreateContact), so the README cannot drift from the API.
@Suite struct ReadmeExampleTests {
    @Test func readmeClientExampleRuns() async throws {
        let createContact = ServerRoute(ContactService.createContact) { request, _ in
            CreateContactResponse(contact: Contact(id: "ct_example", name: request.contact?.name ?? ""))
        }
        let server = try TestServer.start(routes: [createContact])
        let certificates = server.certificates

        // From README.md, with the test certificates in place of Certs/dev.
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: "127.0.0.1:\(server.address.port)"),
            tls: .client(
                certificateChainPath: certificates.uriClient.certificatePath,
                privateKeyPath: certificates.uriClient.privateKeyPath,
                trustRootsPath: certificates.caPath,
                serverName: "localhost"
            )
        )
        configuration.defaultTenant = "acme"
        configuration.connectionCount = 2

        let herald = try HeraldChannel(configuration: configuration)
        var createdID = ""
        do {
            let health = try await herald.health.check(HealthCheckRequest())
            #expect(health.status == .serving)
            let created = try await herald.contacts.createContact(
                CreateContactRequest(contact: Contact(name: "Zhang Wei", email: "zw@example.com")),
                options: CallOptions(timeout: .seconds(2), idempotencyKey: "create-zhang-wei")
            )
            createdID = created.contact?.id ?? ""
        } catch {
            Issue.record("unexpected \(error.code): \(error.message) \(error.fieldViolations)")
        }
        await herald.close()
        #expect(createdID == "ct_example")
        await server.stop()
    }
}
