import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldWire
import Testing

/// Another tenant's contact ids answer exactly as ids that never existed, in every RPC that
/// takes one, and nothing of the other tenant changes.
@Suite struct ContactTenantIsolationTests {
    /// One call per id-taking RPC (alternate contacts included), made by tenant "globex".
    enum Call: String, CaseIterable, Sendable {
        case getContact, updateContact, deleteContact, batchDeleteContacts, disableContactMethod
        case enableContactMethod, createWithAlternate, updateAlternate

        /// What an unknown id gets.
        var code: StatusCode {
            self == .createWithAlternate || self == .updateAlternate ? .failedPrecondition : .notFound
        }

        /// Calls the RPC with `id`; `own` is a contact of globex.
        func run(_ contacts: ContactDirectory, id: String, own: String) async throws {
            let context = context("globex")
            switch self {
            case .getContact:
                _ = try await contacts.getContact(GetContactRequest(id: id), context: context)
            case .updateContact:
                _ = try await contacts.update(id, ["name"], tenant: "globex") { $0.name = "Mine" }
            case .deleteContact:
                _ = try await contacts.deleteContact(DeleteContactRequest(id: id), context: context)
            case .batchDeleteContacts:
                let response = try await contacts.batchDeleteContacts(
                    BatchDeleteContactsRequest(ids: [id]),
                    context: context
                )
                if let status = response.results.first?.status, status.code != .ok { throw RPCError(status: status) }
            case .disableContactMethod:
                let request = DisableContactMethodRequest(contactID: id, method: .email, reason: "mine")
                _ = try await contacts.disableContactMethod(request, context: context)
            case .enableContactMethod:
                let request = EnableContactMethodRequest(contactID: id, method: .email)
                _ = try await contacts.enableContactMethod(request, context: context)
            case .createWithAlternate:
                _ = try await contacts.create("Mine", tenant: "globex") { $0.alternateContactID = id }
            case .updateAlternate:
                _ = try await contacts.update(own, ["alternate_contact_id"], tenant: "globex") {
                    $0.alternateContactID = id
                }
            }
        }
    }

    @Test(arguments: Call.allCases)
    func anotherTenantsIdAnswersAsOneThatNeverExisted(_ call: Call) async throws {
        try await ContactsFixture.with { fixture in
            let theirs = try await fixture.contacts.create("Theirs", phone: "+8613912345678", email: "t@example.com")
            _ = try await fixture.contacts.disableContactMethod(
                DisableContactMethodRequest(contactID: theirs.id, method: .email, reason: "bounces"),
                context: context()
            )
            let theirsNow = try #require(try fixture.contacts.contact(theirs.id, tenant: "acme"))
            let own = try await fixture.contacts.create("Own", email: "own@example.com", tenant: "globex")
            let missing = "ct_00000000000000000000000000"

            let foreign = await expectRPCError(call.code) {
                try await call.run(fixture.contacts, id: theirs.id, own: own.id)
            }
            let unknown = await expectRPCError(call.code) {
                try await call.run(fixture.contacts, id: missing, own: own.id)
            }
            #expect(foreign?.message.replacing(theirs.id, with: missing) == unknown?.message)
            #expect(foreign?.fieldViolations == unknown?.fieldViolations)
            #expect(try fixture.contacts.contact(theirs.id, tenant: "acme") == theirsNow, "acme's contact is untouched")
            #expect(try fixture.contacts.contact(own.id, tenant: "globex") == own)
            #expect(fixture.contacts.contactCount(tenant: "globex") == 1)
        }
    }

    @Test func listsAndSearchesShowOnlyTheTenantsOwnContacts() async throws {
        try await ContactsFixture.with { fixture in
            _ = try await fixture.contacts.create("Zhang Wei", phone: "+8613912345678", email: "zw@example.com")
            let own = try await fixture.contacts.create("Zhang San", email: "zs@example.com", tenant: "globex")
            let listed = try await fixture.contacts.listContacts(ListContactsRequest(), context: context("globex"))
            #expect(listed.contacts.map(\.id) == [own.id])
            #expect(listed.totalSize == 1)
            for query in ["zhang", "139", "zw@example.com"] {
                let found = try await fixture.contacts.searchContacts(
                    SearchContactsRequest(query: query),
                    context: context("globex")
                )
                #expect(found.contacts.map(\.id) == (query == "zhang" ? [own.id] : []), "\(query)")
            }
        }
    }
}
