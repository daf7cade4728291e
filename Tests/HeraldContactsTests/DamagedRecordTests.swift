import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

/// A stored record that no longer decodes is DATA_LOSS wherever it is read: never taken for a
/// missing record, never reported as a retryable or internal failure.
@Suite struct DamagedRecordTests {
    /// Protobuf whose first field (a string) says it runs past the end.
    static let damaged: [UInt8] = [0x12, 0x7F, 0x41]

    @Test func aDamagedContactIsDataLoss() async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create(email: "zw@example.com")
            try await fixture.contacts.tableForHealth.put(StoreKey("c/acme/\(contact.id)"), Self.damaged)
            await expectRPCError(.dataLoss) {
                _ = try await fixture.contacts.getContact(GetContactRequest(id: contact.id), context: context())
            }
            await expectRPCError(.dataLoss) { _ = try fixture.contacts.contact(contact.id, tenant: "acme") }
            // Search reads a few fields from the stored bytes; bytes it cannot read are damage too.
            await expectRPCError(.dataLoss) {
                _ = try await fixture.contacts.searchContacts(SearchContactsRequest(query: "zw"), context: context())
            }
            await expectRPCError(.dataLoss) {
                _ = try await fixture.contacts.listContacts(ListContactsRequest(), context: context())
            }
        }
    }

    @Test func damagedTenantSettingsAreDataLoss() async throws {
        try await ContactsFixture.with { fixture in
            try await fixture.contacts.tableForHealth.put(StoreKey("s/acme"), Self.damaged)
            await expectRPCError(.dataLoss) {
                _ = try await fixture.contacts.getTenantSettings(GetTenantSettingsRequest(), context: context())
            }
            await expectRPCError(.dataLoss) {
                let request = UpdateTenantSettingsRequest(settings: TenantSettings(site: .china), updateMask: ["site"])
                _ = try await fixture.contacts.updateTenantSettings(request, context: context())
            }
            // Creating a contact reads the tenant's quota from its settings.
            await expectRPCError(.dataLoss) { _ = try await fixture.contacts.create(email: "zw@example.com") }
            // Other tenants are not affected.
            _ = try await fixture.contacts.create(email: "zw@example.com", tenant: "globex")
        }
    }
}
