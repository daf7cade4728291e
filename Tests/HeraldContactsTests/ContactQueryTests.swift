import Foundation
import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

@Suite struct ContactQueryTests {
    @Test func pagesAreStableWhileContactsComeAndGo() async throws {
        let fixture = try await ContactsFixture.make()
        var created: [Contact] = []
        for index in 0..<25 {
            created.append(try await fixture.contacts.create(String(format: "Contact %02d", index)))
            fixture.clock.advance(milliseconds: 1)
        }
        var seen: [String] = []
        var token = ""
        var page = 0
        repeat {
            let response = try await fixture.contacts.listContacts(
                ListContactsRequest(pageSize: 7, pageToken: token),
                context: context()
            )
            seen += response.contacts.map(\.id)
            token = response.nextPageToken
            // Between pages: one new contact, and a not-yet-listed one deleted.
            fixture.clock.advance(milliseconds: 1)
            _ = try await fixture.contacts.create("Added during page \(page)")
            if page == 1 {
                _ = try await fixture.contacts.deleteContact(
                    DeleteContactRequest(id: created[20].id),
                    context: context()
                )
            }
            page += 1
        } while !token.isEmpty && page < 20
        let survivors = created.map(\.id).filter { $0 != created[20].id }
        #expect(Array(seen.prefix(survivors.count)) == survivors, "creation order, no repeats, no gaps")
        #expect(Set(seen).count == seen.count)
        try await fixture.close()
    }

    @Test func totalsFiltersAndTokens() async throws {
        let fixture = try await ContactsFixture.make()
        let verified = try await fixture.contacts.create("V", phone: "+8613900000001")
        _ = try await fixture.contacts.create("U", phone: "+8613900000002")
        _ = try await fixture.contacts.create("N")
        try await fixture.contacts.recordVerification(
            .verified,
            method: .phone,
            address: verified.phone,
            contactID: verified.id,
            tenant: "acme"
        )

        let all = try await fixture.contacts.listContacts(ListContactsRequest(), context: context())
        #expect(all.totalSize == 3)
        let unverified = try await fixture.contacts.listContacts(
            ListContactsRequest(phoneState: .unverified),
            context: context()
        )
        #expect(unverified.contacts.map(\.name) == ["U"])
        let noPhone = try await fixture.contacts.listContacts(
            ListContactsRequest(phoneState: .unspecified),
            context: context()
        )
        #expect(noPhone.contacts.map(\.name) == ["N"])

        let first = try await fixture.contacts.listContacts(ListContactsRequest(pageSize: 1), context: context())
        let wrongFilter = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.listContacts(
                ListContactsRequest(pageSize: 1, pageToken: first.nextPageToken, phoneState: .verified),
                context: context()
            )
        }
        #expect(wrongFilter?.fieldViolations.first?.field == "page_token")
        await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.listContacts(ListContactsRequest(pageToken: "garbage!"), context: context())
        }
        await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.listContacts(ListContactsRequest(pageSize: -1), context: context())
        }
        try await fixture.close()
    }

    @Test func searchIsPartialAndCaseInsensitive() async throws {
        let fixture = try await ContactsFixture.make()
        // Ids sort by creation time; a millisecond apart, the order is fixed.
        _ = try await fixture.contacts.create("Zhang Wei", phone: "+8613912345678", email: "wei.zhang@example.com")
        fixture.clock.advance(milliseconds: 1)
        _ = try await fixture.contacts.create("Li Lei", email: "lilei@corp.example")
        fixture.clock.advance(milliseconds: 1)
        _ = try await fixture.contacts.create("王伟", phone: "+8613800001111")
        func names(_ query: String, _ field: ContactSearchField = .any) async throws -> [String] {
            try await fixture.contacts.searchContacts(
                SearchContactsRequest(query: query, field: field),
                context: context()
            )
            .contacts.map(\.name)
        }
        #expect(try await names("zhang") == ["Zhang Wei"])
        #expect(try await names("WEI") == ["Zhang Wei"])
        #expect(try await names("伟") == ["王伟"])
        #expect(try await names("139 1234") == ["Zhang Wei"], "phone digits, separators ignored")
        #expect(try await names("1111", .phone) == ["王伟"])
        #expect(try await names("example", .email) == ["Zhang Wei", "Li Lei"])
        #expect(try await names("lei", .name) == ["Li Lei"])
        #expect(try await names("zhang", .phone).isEmpty)
        await #expect(throws: RPCError.self) { _ = try await names("   ") }
        try await fixture.close()
    }

    @Test func tenantsNeverSeeEachOther() async throws {
        let fixture = try await ContactsFixture.make()
        let theirs = try await fixture.contacts.create("Theirs", email: "t@example.com", tenant: "globex")
        let other = context("acme")
        let id = theirs.id
        func expectNotFound(_ call: () async throws -> Void) async {
            let error = await #expect(throws: RPCError.self) { try await call() }
            #expect(error?.code == .notFound)
        }
        await expectNotFound { _ = try await fixture.contacts.getContact(GetContactRequest(id: id), context: other) }
        await expectNotFound {
            _ = try await fixture.contacts.updateContact(
                UpdateContactRequest(contact: Contact(id: id, name: "x"), updateMask: ["name"]),
                context: other
            )
        }
        await expectNotFound {
            _ = try await fixture.contacts.deleteContact(DeleteContactRequest(id: id), context: other)
        }
        await expectNotFound {
            _ = try await fixture.contacts.disableContactMethod(
                DisableContactMethodRequest(contactID: id, method: .email, reason: "x"),
                context: other
            )
        }
        await expectNotFound {
            _ = try await fixture.contacts.enableContactMethod(
                EnableContactMethodRequest(contactID: id, method: .email),
                context: other
            )
        }
        let batch = try await fixture.contacts.batchDeleteContacts(
            BatchDeleteContactsRequest(ids: [id]),
            context: other
        )
        #expect(batch.results.first?.status?.code == .notFound)
        #expect(try await fixture.contacts.listContacts(ListContactsRequest(), context: other).contacts.isEmpty)
        #expect(
            try await fixture.contacts.searchContacts(SearchContactsRequest(query: "Theirs"), context: other).contacts
                .isEmpty
        )
        // The alternate of an acme contact cannot point into globex.
        let alternate = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.create("Mine") { $0.alternateContactID = id }
        }
        #expect(alternate?.code == .failedPrecondition)
        #expect(try fixture.contacts.contact(id, tenant: "globex") != nil, "untouched")
        try await fixture.close()
    }

    @Test func batchDeleteReportsEachID() async throws {
        let fixture = try await ContactsFixture.make()
        let a = try await fixture.contacts.create("A")
        let b = try await fixture.contacts.create("B")
        let response = try await fixture.contacts.batchDeleteContacts(
            BatchDeleteContactsRequest(ids: [a.id, "ct_missing", a.id, b.id]),
            context: context()
        )
        #expect(response.results.map(\.id) == [a.id, "ct_missing", b.id])
        #expect(response.results.map { $0.status?.code ?? .ok } == [.ok, .notFound, .ok])
        #expect(fixture.contacts.contactCount(tenant: "acme") == 0)
        await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.batchDeleteContacts(BatchDeleteContactsRequest(ids: []), context: context())
        }
        let tooMany = BatchDeleteContactsRequest(ids: (0...100).map { "ct_\($0)" })
        await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.batchDeleteContacts(tooMany, context: context())
        }
        try await fixture.close()
    }

    @Test func tenantSettingsDefaultsUpdatesAndCeilings() async throws {
        let fixture = try await ContactsFixture.make()
        let defaults = try #require(
            try await fixture.contacts.getTenantSettings(GetTenantSettingsRequest(), context: context()).settings
        )
        #expect(defaults.tenant == "acme")
        #expect(defaults.site == .international)
        #expect(defaults.defaultPhoneFallback == .sms)
        #expect(defaults.callCountryCodes == [86])
        #expect(defaults.quotas?.maxContacts == 100)
        #expect(defaults.quotas?.maxGroupMembers == 500)
        #expect(defaults.version == 0)

        let update = UpdateTenantSettingsRequest(
            settings: TenantSettings(site: .china, lastResortEmail: "Oncall@Example.com", callCountryCodes: [86, 852]),
            updateMask: ["site", "last_resort_email", "call_country_codes"],
            expectedVersion: 0
        )
        let saved = try #require(try await fixture.contacts.updateTenantSettings(update, context: context()).settings)
        #expect(saved.site == .china)
        #expect(saved.lastResortEmail == "Oncall@example.com")
        #expect(saved.callCountryCodes == [86, 852])
        #expect(saved.version == 1)

        let stale = await #expect(throws: RPCError.self) {
            var again = update
            again.expectedVersion = 7
            _ = try await fixture.contacts.updateTenantSettings(again, context: context())
        }
        #expect(stale?.code == .aborted)
        let ceiling = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.updateTenantSettings(
                UpdateTenantSettingsRequest(
                    settings: TenantSettings(
                        defaultPhoneFallback: .tenantDefault,
                        quotas: TenantQuotas(maxContacts: 10_000_000)
                    ),
                    updateMask: ["default_phone_fallback", "quotas.max_contacts"]
                ),
                context: context()
            )
        }
        #expect(
            Set(ceiling?.fieldViolations.map(\.field) ?? []) == [
                "settings.default_phone_fallback", "settings.quotas.max_contacts",
            ]
        )
        try await fixture.close()
    }

    @Test func everythingSurvivesReopening() async throws {
        let fixture = try await ContactsFixture.make(durability: .always)
        let contact = try await fixture.contacts.create("Persistent", phone: "+8613912345678", email: "p@example.com")
        _ = try await fixture.contacts.updateTenantSettings(
            UpdateTenantSettingsRequest(settings: TenantSettings(site: .china), updateMask: ["site"]),
            context: context()
        )
        let reopened = try await fixture.reopened()
        #expect(try reopened.contacts.contact(contact.id, tenant: "acme") == contact)
        #expect(reopened.contacts.contactCount(tenant: "acme") == 1)
        #expect(try reopened.contacts.tenantSettings(tenant: "acme").site == .china)
        // Indexes are rebuilt: uniqueness still holds.
        let duplicate = await #expect(throws: RPCError.self) {
            _ = try await reopened.contacts.create("Dup", phone: "8613912345678")
        }
        #expect(duplicate?.code == .alreadyExists)
        try await reopened.close()
    }
}
