import HeraldContacts
import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

/// The group service as the contact service sees it: ``GroupMembership`` and
/// ``ContactDeletionObserver``, driven through the real contact service.
@Suite struct ContactLinkTests {
    @Test func aNewContactJoinsTheGroupsItNames() async throws {
        try await withGroups { fixture in
            let ops = try await fixture.makeGroup("Ops")
            let dev = try await fixture.makeGroup("Dev")
            fixture.clock.advance(milliseconds: 5)
            let request = CreateContactRequest(
                contact: Contact(name: "Alice", email: "alice@example.com"),
                groupIDs: [dev.id, ops.id, dev.id]
            )
            let response = try await fixture.contacts.createContact(request, context: fixture.context())
            let alice = try #require(response.contact).id
            #expect(response.groupIDs == [dev.id, ops.id])
            for group in [ops, dev] {
                let stored = try await fixture.group(group.id)
                #expect(stored.memberContactIDs == [alice])
                #expect(stored.version == 2)
                #expect(stored.updateTimeUnixMs == fixture.clock.nowUnixMilliseconds())
                #expect(stored.updateTimeUnixMs > group.createTimeUnixMs)
            }
            // The contact service reports the groups through GroupMembership, oldest first.
            let got = try await fixture.contacts.getContact(GetContactRequest(id: alice), context: fixture.context())
            #expect(got.groupIDs == [ops.id, dev.id])
            // The joining intent written with the contact is gone once the groups are joined.
            #expect(try await fixture.contacts.resumePendingJoins() == 0)
        }
    }

    @Test func aContactCannotBeCreatedIntoUnknownOrFullGroups() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroupMembers: 1)
            let ops = try await fixture.makeGroup("Ops")
            let foreign = try await fixture.makeGroup("Foreign", tenant: "globex")
            let error = await expectRPCError(.failedPrecondition) {
                _ = try await fixture.makeContact(
                    "Alice",
                    groupIDs: [ops.id, "grp_00000000000000000000000000", foreign.id]
                )
            }
            #expect(error?.fieldViolations.map(\.field) == ["group_ids[1]", "group_ids[2]"])
            #expect(fixture.contacts.contactCount(tenant: "acme") == 0)

            _ = try await fixture.makeContact("Alice", groupIDs: [ops.id])
            await expectRPCError(.resourceExhausted, field: "group_ids[0]") {
                _ = try await fixture.makeContact("Bob", groupIDs: [ops.id])
            }
            #expect(fixture.contacts.contactCount(tenant: "acme") == 1)
        }
    }

    /// A group whose stored record no longer decodes is damage, not an unknown group.
    @Test func aDamagedGroupIsDataLossNotUnknown() async throws {
        try await withGroups { fixture in
            let ops = try await fixture.makeGroup("Ops")
            try await fixture.groups.tableForHealth.put(StoreKey("g/acme/\(ops.id)"), [0x12, 0x7F, 0x41])
            await expectRPCError(.dataLoss) { _ = try await fixture.makeContact("Alice", groupIDs: [ops.id]) }
            await expectRPCError(.dataLoss) { _ = try fixture.groups.group(ops.id, tenant: "acme") }
            #expect(fixture.contacts.contactCount(tenant: "acme") == 0)
        }
    }

    @Test func joinSkipsGroupsThatVanishedOrFilledUpAndIsRepeatable() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroupMembers: 1)
            let alice = try await fixture.makeContact("Alice")
            let bob = try await fixture.makeContact("Bob")
            let open = try await fixture.makeGroup("Open")
            let full = try await fixture.makeGroup("Full", members: [bob])
            let gone = try await fixture.makeGroup("Gone")
            _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: gone.id), context: fixture.context())
            let ids = [gone.id, full.id, open.id, "grp_bad"]
            #expect(try await fixture.groups.join(contactID: alice, groupIDs: ids, tenant: "acme") == [open.id])
            #expect(try await fixture.groups.join(contactID: alice, groupIDs: ids, tenant: "acme") == [open.id])
            #expect(try await fixture.group(open.id).version == 2)
        }
    }

    @Test func deletingAContactRemovesItFromEveryGroup() async throws {
        try await withGroups { fixture in
            let people = try await fixture.makeContacts(3)
            let (alice, bob, carol) = (people[0], people[1], people[2])
            let one = try await fixture.makeGroup("One", members: [alice, bob])
            let two = try await fixture.makeGroup("Two", members: [bob, carol, alice])
            let three = try await fixture.makeGroup("Three", members: [carol])
            let other = try await fixture.makeGroup("Other tenant", tenant: "globex")

            let response = try await fixture.contacts.deleteContact(
                DeleteContactRequest(id: alice),
                context: fixture.context()
            )
            #expect(response.removedFromGroupIDs == [one.id, two.id])
            #expect(try await fixture.group(one.id).memberContactIDs == [bob])
            #expect(try await fixture.group(two.id).memberContactIDs == [bob, carol])
            #expect(try await fixture.group(two.id).version == 2)
            #expect(try await fixture.group(three.id) == three)
            #expect(try await fixture.group(other.id, tenant: "globex") == other)
            #expect(fixture.groups.groupIDs(ofContact: alice, tenant: "acme").isEmpty)
        }
    }

    @Test func contactDeletedIsIdempotent() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact("Alice")
            let bob = try await fixture.makeContact("Bob")
            let group = try await fixture.makeGroup("Ops", members: [alice, bob])
            #expect(try await fixture.groups.contactDeleted(alice, tenant: "acme") == [group.id])
            let after = try await fixture.group(group.id)
            #expect(try await fixture.groups.contactDeleted(alice, tenant: "acme") == [])
            #expect(try await fixture.group(group.id) == after)
            #expect(after.memberContactIDs == [bob])
            #expect(after.version == 2)
            // Another tenant's contact of the same id would not be touched either.
            #expect(try await fixture.groups.contactDeleted(bob, tenant: "globex") == [])
            #expect(try await fixture.group(group.id) == after)
        }
    }

    @Test func aContactDeletedWhileBeingAddedDoesNotStayAMember() async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops")
            let context = fixture.context()
            // Race AddGroupMembers against DeleteContact many times: whatever the interleaving,
            // a deleted contact never remains a member.
            for round in 0..<20 {
                let person = try await fixture.makeContact("Person \(round)")
                async let add = outcome {
                    let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [person])
                    return try await fixture.groups.addGroupMembers(request, context: context)
                }
                async let delete = outcome {
                    try await fixture.contacts.deleteContact(DeleteContactRequest(id: person), context: context)
                }
                _ = await (add, delete)
                #expect(try await fixture.group(group.id).memberContactIDs.isEmpty)
            }
        }
    }
}
