// Only the README's import: the example must compile with `import HeraldClient` alone.
import HeraldClient
import HeraldTestSupport
import Testing

/// The client-library example of README.md, run against a real heraldd, so the README cannot
/// drift from the API.
@Suite struct ReadmeExampleTests {
    @Test func readmeClientExampleRuns() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: Policies.uriAdmin)
        let port = try SocketAddress(parsing: address).port
        var outcome: [String] = []

        // From README.md, with the test certificates in place of Certs/dev.
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: "127.0.0.1:\(port)"),
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
        do {
            let health = try await herald.health.check(HealthCheckRequest())
            outcome.append("\(health.status)")

            // The session above, in Swift.
            let zhang = try await herald.contacts.createContact(
                CreateContactRequest(
                    contact: Contact(
                        name: "Zhang Wei",
                        phone: "+86 139 1234 5678",
                        email: "zw@example.com",
                        alertLanguage: .chinese
                    )
                ),
                options: CallOptions(timeout: .seconds(2), idempotencyKey: "create-zhang-wei")
            ).contact!
            let li = try await herald.contacts.createContact(
                CreateContactRequest(
                    contact: Contact(
                        name: "Li Lei",
                        email: "lilei@example.com",
                        webhooks: [
                            Webhook(
                                kind: .dingtalk,
                                url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
                                auth: .keyword("DAS Alarm")
                            )
                        ]
                    )
                )
            ).contact!
            let group = try await herald.groups.createGroup(
                CreateGroupRequest(group: ContactGroup(name: "DBA on-call", memberContactIDs: [zhang.id, li.id]))
            ).group!
            let found = try await herald.contacts.searchContacts(SearchContactsRequest(query: "wei"))
            outcome.append("\(found.contacts.map(\.name))")
            _ = try await herald.contacts.updateContact(
                UpdateContactRequest(
                    contact: Contact(id: li.id, alternateContactID: zhang.id),
                    updateMask: ["alternate_contact_id"],
                    expectedVersion: li.version
                )
            )
            let deleted = try await herald.contacts.deleteContact(DeleteContactRequest(id: zhang.id))
            outcome.append("\(deleted.removedFromGroupIDs == [group.id])")
        } catch {
            outcome.append("\(error.code): \(error.message) \(error.fieldViolations) \(error.retryAfter ?? .zero)")
        }
        await herald.close()

        #expect(outcome == ["serving", "[\"Zhang Wei\"]", "true"])
        #expect(await heraldd.stop() == 0)
    }
}
