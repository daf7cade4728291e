import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

@Suite struct ContactRulesTests {
    @Test func createNormalizesAndSetsDefaults() async throws {
        let fixture = try await ContactsFixture.make()
        let contact = try await fixture.contacts.create("  Li Lei ", phone: "86-139 1234 5678", email: "Li@Example.COM")
        #expect(contact.id.hasPrefix("ct_"))
        #expect(contact.name == "Li Lei")
        #expect(contact.phone == "+8613912345678")
        #expect(contact.email == "Li@example.com")
        #expect(contact.phoneStatus?.state == .unverified)
        #expect(contact.emailStatus?.state == .unverified)
        #expect(contact.alertLanguage == .auto)
        #expect(contact.phoneFallback == .tenantDefault)
        #expect(contact.version == 1)
        #expect(contact.createTimeUnixMs == fixture.clock.nowUnixMilliseconds())
        try await fixture.close()
    }

    @Test func phoneEmailAndPrincipalAreUniquePerTenant() async throws {
        let fixture = try await ContactsFixture.make()
        let first = try await fixture.contacts.create(phone: "+8613912345678", email: "ops@example.com") {
            $0.principal = Principal(kind: .user, id: "ram-user-1")
        }
        for (contact, field) in [
            (Contact(name: "B", phone: "8613912345678"), "contact.phone"),
            (Contact(name: "C", email: "OPS@EXAMPLE.com"), "contact.email"),
            (
                Contact(name: "D", email: "d@example.com", principal: Principal(kind: .user, id: "ram-user-1")),
                "contact.principal"
            ),
        ] {
            let error = await #expect(throws: RPCError.self) {
                _ = try await fixture.contacts.createContact(CreateContactRequest(contact: contact), context: context())
            }
            #expect(error?.code == .alreadyExists)
            #expect(error?.conflictingID == first.id)
            #expect(error?.fieldViolations.first?.field == field)
        }
        // Another tenant may use the same phone.
        _ = try await fixture.contacts.create(phone: "+8613912345678", tenant: "globex")
        try await fixture.close()
    }

    @Test func concurrentCreatesCannotShareAPhone() async throws {
        let fixture = try await ContactsFixture.make(durability: .always)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    (try? await fixture.contacts.create("Racer \(index)", phone: "+8613800000000")) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        try await fixture.close()
    }

    @Test func quotaLimitsContactsPerTenant() async throws {
        let fixture = try await ContactsFixture.make()
        _ = try await fixture.contacts.updateTenantSettings(
            UpdateTenantSettingsRequest(
                settings: TenantSettings(quotas: TenantQuotas(maxContacts: 3)),
                updateMask: ["quotas.max_contacts"]
            ),
            context: context()
        )
        var created: [Contact] = []
        for index in 0..<3 { created.append(try await fixture.contacts.create("C\(index)")) }
        let error = await #expect(throws: RPCError.self) { _ = try await fixture.contacts.create("One too many") }
        #expect(error?.code == .resourceExhausted)
        #expect(error?.metadata["quota"] == "max_contacts")
        // The default (100) applies to other tenants; deleting frees a slot.
        _ = try await fixture.contacts.create("Elsewhere", tenant: "globex")
        _ = try await fixture.contacts.deleteContact(DeleteContactRequest(id: created[0].id), context: context())
        _ = try await fixture.contacts.create("Fits again")
        #expect(fixture.contacts.contactCount(tenant: "acme") == 3)
        try await fixture.close()
    }

    @Test func alternateContactRules() async throws {
        let fixture = try await ContactsFixture.make()
        let primary = try await fixture.contacts.create("Primary")
        let backup = try await fixture.contacts.create("Backup")
        let foreign = try await fixture.contacts.create("Foreign", tenant: "globex")

        let unknown = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.create("X") { $0.alternateContactID = foreign.id }
        }
        #expect(unknown?.code == .failedPrecondition)
        #expect(unknown?.fieldViolations.first?.field == "contact.alternate_contact_id")

        var update = UpdateContactRequest(
            contact: Contact(id: primary.id, alternateContactID: primary.id),
            updateMask: ["alternate_contact_id"]
        )
        let itself = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.updateContact(update, context: context())
        }
        #expect(itself?.code == .invalidArgument)

        update.contact?.alternateContactID = backup.id
        let linked = try await fixture.contacts.updateContact(update, context: context()).contact
        #expect(linked?.alternateContactID == backup.id)

        // Deleting the alternate clears the link.
        let deleted = try await fixture.contacts.deleteContact(DeleteContactRequest(id: backup.id), context: context())
        #expect(deleted.clearedAlternateContactIDs == [primary.id])
        let after = try #require(try fixture.contacts.contact(primary.id, tenant: "acme"))
        #expect(after.alternateContactID.isEmpty)
        #expect(after.version == 3)
        try await fixture.close()
    }

    @Test func updateAppliesTheMaskAndResetsChangedMethods() async throws {
        let fixture = try await ContactsFixture.make()
        let contact = try await fixture.contacts.create("Han", phone: "+8613912345678", email: "han@example.com")
        try await fixture.contacts.recordVerification(
            .verified,
            method: .phone,
            address: contact.phone,
            contactID: contact.id,
            tenant: "acme"
        )
        try await fixture.contacts.recordVerification(
            .verified,
            method: .email,
            address: contact.email,
            contactID: contact.id,
            tenant: "acme"
        )
        fixture.clock.advance(milliseconds: 1_000)
        let request = UpdateContactRequest(
            contact: Contact(id: contact.id, name: "Ignored", phone: "+8613800000001"),
            updateMask: ["phone"]
        )
        let updated = try #require(try await fixture.contacts.updateContact(request, context: context()).contact)
        #expect(updated.name == "Han", "fields outside the mask are kept")
        #expect(updated.phone == "+8613800000001")
        #expect(updated.phoneStatus?.state == .unverified, "a changed phone must be verified again")
        #expect(updated.emailStatus?.state == .verified, "the email did not change")
        #expect(updated.version == 4)
        #expect(updated.updateTimeUnixMs == fixture.clock.nowUnixMilliseconds())

        let empty = UpdateContactRequest(contact: Contact(id: contact.id), updateMask: [])
        await #expect(throws: RPCError.self) { _ = try await fixture.contacts.updateContact(empty, context: context()) }
        let readOnly = UpdateContactRequest(contact: Contact(id: contact.id), updateMask: ["version"])
        let error = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.updateContact(readOnly, context: context())
        }
        #expect(error?.fieldViolations.first?.field == "update_mask[0]")
        try await fixture.close()
    }

    @Test func concurrentUpdatersWithTheSameVersionOneWins() async throws {
        let fixture = try await ContactsFixture.make(durability: .always)
        let contact = try await fixture.contacts.create("Race")
        let results = await withTaskGroup(of: RPCError?.self) { group in
            for name in ["First", "Second"] {
                group.addTask {
                    let request = UpdateContactRequest(
                        contact: Contact(id: contact.id, name: name),
                        updateMask: ["name"],
                        expectedVersion: 1
                    )
                    do {
                        _ = try await fixture.contacts.updateContact(request, context: context())
                        return nil
                    } catch let error as RPCError {
                        return error
                    } catch {
                        return RPCError(code: .unknown, message: "\(error)")
                    }
                }
            }
            return await group.reduce(into: [RPCError?]()) { $0.append($1) }
        }
        #expect(results.compactMap { $0 }.map(\.code) == [.aborted])
        #expect(results.compactMap { $0 }.first?.currentVersion == 2)
        #expect(try fixture.contacts.contact(contact.id, tenant: "acme")?.version == 2)
        try await fixture.close()
    }

    @Test func webhookSecretsAreWriteOnlyAndKeptOnUpdate() async throws {
        let fixture = try await ContactsFixture.make()
        let created = try await fixture.contacts.create("Bot") {
            $0.webhooks = [
                Webhook(
                    kind: .dingtalk,
                    url: "https://oapi.dingtalk.com/robot/send?a=1",
                    auth: .signingSecret("SECret")
                )
            ]
        }
        let webhook = try #require(created.webhooks.first)
        #expect(webhook.auth == .signingSecret(""))
        #expect(webhook.secretSet)
        #expect(
            try fixture.contacts.contact(created.id, tenant: "acme")?.webhooks.first?.auth == .signingSecret("SECret")
        )

        var keep = webhook
        keep.displayName = "Ops group"
        _ = try await fixture.contacts.updateContact(
            UpdateContactRequest(contact: Contact(id: created.id, webhooks: [keep]), updateMask: ["webhooks"]),
            context: context()
        )
        let stored = try #require(try fixture.contacts.contact(created.id, tenant: "acme")?.webhooks.first)
        #expect(stored.auth == .signingSecret("SECret"))
        #expect(stored.displayName == "Ops group")
        try await fixture.close()
    }

    @Test func disableAndEnableMethods() async throws {
        let fixture = try await ContactsFixture.make()
        let contact = try await fixture.contacts.create(email: "a@example.com")
        let disabled = try #require(
            try await fixture.contacts.disableContactMethod(
                DisableContactMethodRequest(contactID: contact.id, method: .email, reason: "bounces"),
                context: context()
            ).contact
        )
        #expect(disabled.emailStatus?.state == .disabled)
        #expect(disabled.emailStatus?.disabledReason == "bounces")
        await #expect(throws: RPCError.self) {
            try await fixture.contacts.recordVerification(
                .verified,
                method: .email,
                address: "a@example.com",
                contactID: contact.id,
                tenant: "acme"
            )
        }
        let noPhone = await #expect(throws: RPCError.self) {
            _ = try await fixture.contacts.disableContactMethod(
                DisableContactMethodRequest(contactID: contact.id, method: .phone, reason: "x"),
                context: context()
            )
        }
        #expect(noPhone?.code == .failedPrecondition)
        let enabled = try await fixture.contacts.enableContactMethod(
            EnableContactMethodRequest(contactID: contact.id, method: .email),
            context: context()
        ).contact
        #expect(enabled?.emailStatus?.state == .unverified)
        try await fixture.close()
    }

    @Test func verificationOfAnOldAddressIsRefused() async throws {
        let fixture = try await ContactsFixture.make()
        let contact = try await fixture.contacts.create(phone: "+8613912345678")
        let error = await #expect(throws: RPCError.self) {
            try await fixture.contacts.recordVerification(
                .verified,
                method: .phone,
                address: "+8613800000000",
                contactID: contact.id,
                tenant: "acme"
            )
        }
        #expect(error?.code == .failedPrecondition)
        try await fixture.close()
    }
}
