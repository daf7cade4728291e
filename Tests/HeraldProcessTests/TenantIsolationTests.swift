import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldWire
import Testing

/// Through a real heraldd, a caller granted two tenants cannot tell another tenant's contact
/// from one that never existed.
@Suite struct TenantIsolationTests {
    static let policy = """
        {"grants": [{"identity": "\(TestCertificates.uriClientIdentity)", "role": "admin", "tenants": ["acme", "globex"]}]}
        """

    /// The id-taking contact RPCs, each called on tenant globex with `id`.
    static let calls: [(name: String, call: @Sendable (HeraldChannel, String) async throws -> Void)] = [
        ("GetContact", { _ = try await $0.contacts.getContact(GetContactRequest(id: $1)) }),
        (
            "UpdateContact",
            {
                let request = UpdateContactRequest(contact: Contact(id: $1, name: "Mine"), updateMask: ["name"])
                _ = try await $0.contacts.updateContact(request)
            }
        ),
        ("DeleteContact", { _ = try await $0.contacts.deleteContact(DeleteContactRequest(id: $1)) }),
        (
            "DisableContactMethod",
            {
                let request = DisableContactMethodRequest(contactID: $1, method: .email, reason: "mine")
                _ = try await $0.contacts.disableContactMethod(request)
            }
        ),
    ]

    @Test func anotherTenantsContactAnswersAsOneThatNeverExisted() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: Self.policy)
        let acme = try TestChannel.make(address, certificates, tenant: "acme")
        let globex = try TestChannel.make(address, certificates, tenant: "globex")
        let created = try await acme.contacts.createContact(
            CreateContactRequest(contact: Contact(name: "Zhang Wei", email: "zw@example.com"))
        )
        let contact = try #require(created.contact)
        let missing = "ct_00000000000000000000000000"

        for (name, call) in Self.calls {
            let foreign = await #expect(throws: RPCError.self, "\(name)") { try await call(globex, contact.id) }
            let unknown = await #expect(throws: RPCError.self, "\(name)") { try await call(globex, missing) }
            #expect(foreign?.code == .notFound, "\(name): \(String(describing: foreign))")
            #expect(foreign?.code == unknown?.code, "\(name)")
            #expect(foreign?.message.replacing(contact.id, with: missing) == unknown?.message, "\(name)")
        }
        let batch = try await globex.contacts.batchDeleteContacts(
            BatchDeleteContactsRequest(ids: [contact.id, missing])
        )
        #expect(batch.results.map(\.status?.code) == [.notFound, .notFound])
        #expect(
            batch.results[0].status?.message.replacing(contact.id, with: missing) == batch.results[1].status?.message
        )
        #expect(try await globex.contacts.listContacts(ListContactsRequest()).totalSize == 0)

        let after = try await acme.contacts.getContact(GetContactRequest(id: contact.id))
        #expect(after.contact == contact, "tenant globex changed nothing in acme")
        await acme.close()
        await globex.close()
        #expect(await heraldd.stop() == 0)
    }
}
