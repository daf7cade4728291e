import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

/// Another tenant's ids answer exactly as ids that never existed: NOT_FOUND (or
/// FAILED_PRECONDITION for contacts given as members), never PERMISSION_DENIED.
@Suite struct TenantIsolationTests {
    /// One call per RPC, made by tenant "globex" with tenant "acme"'s ids.
    enum Call: String, CaseIterable, Sendable {
        case getGroup, updateGroup, deleteGroup, addGroupMembers, removeGroupMembers, listContactGroups

        func run(_ fixture: GroupsFixture, group: String, contact: String, own: String) async throws {
            let groups = fixture.groups
            let context = fixture.context("globex")
            switch self {
            case .getGroup:
                _ = try await groups.getGroup(GetGroupRequest(id: group), context: context)
            case .updateGroup:
                let request = UpdateGroupRequest(group: ContactGroup(id: group, name: "Mine"), updateMask: ["name"])
                _ = try await groups.updateGroup(request, context: context)
            case .deleteGroup:
                _ = try await groups.deleteGroup(DeleteGroupRequest(id: group), context: context)
            case .addGroupMembers:
                let request = AddGroupMembersRequest(groupID: group, contactIDs: [own])
                _ = try await groups.addGroupMembers(request, context: context)
            case .removeGroupMembers:
                let request = RemoveGroupMembersRequest(groupID: group, contactIDs: [contact])
                _ = try await groups.removeGroupMembers(request, context: context)
            case .listContactGroups:
                _ = try await groups.listContactGroups(ListContactGroupsRequest(contactID: contact), context: context)
            }
        }
    }

    @Test(arguments: Call.allCases)
    func anotherTenantsIdsAreNotFound(call: Call) async throws {
        try await withGroups { fixture in
            let contact = try await fixture.makeContact("Alice")
            let group = try await fixture.makeGroup("Ops", members: [contact])
            let own = try await fixture.makeContact("Gina", tenant: "globex")
            let foreign = await expectRPCError(.notFound) {
                try await call.run(fixture, group: group.id, contact: contact, own: own)
            }
            // The answer is the one for an id that never existed, word for word.
            let missingGroup = "grp_00000000000000000000000000"
            let missingContact = "ct_00000000000000000000000000"
            let missing = await expectRPCError(.notFound) {
                try await call.run(
                    fixture,
                    group: call == .listContactGroups ? group.id : missingGroup,
                    contact: call == .listContactGroups ? missingContact : contact,
                    own: own
                )
            }
            let expected = call == .listContactGroups ? contact : group.id
            let replaced = call == .listContactGroups ? missingContact : missingGroup
            #expect(foreign?.message.replacing(expected, with: replaced) == missing?.message)
            #expect(try await fixture.group(group.id) == group)
        }
    }

    @Test func listsShowOnlyTheTenantsOwnGroups() async throws {
        try await withGroups { fixture in
            let mine = try await fixture.makeGroup("Ops", tenant: "globex")
            try await fixture.makeGroup("Ops")
            try await fixture.makeGroup("Dev")
            let page = try await fixture.groups.listGroups(ListGroupsRequest(), context: fixture.context("globex"))
            #expect(page.groups == [mine])
            #expect(page.totalSize == 1)
            let filtered = try await fixture.groups.listGroups(
                ListGroupsRequest(nameContains: "dev"),
                context: fixture.context("globex")
            )
            #expect(filtered.groups.isEmpty && filtered.totalSize == 0)
        }
    }

    @Test func anotherTenantsContactsCannotBecomeMembers() async throws {
        try await withGroups { fixture in
            let stranger = try await fixture.makeContact("Stranger")
            let group = try await fixture.makeGroup("Mine", tenant: "globex")
            let context = fixture.context("globex")
            await expectRPCError(.failedPrecondition, field: "contact_ids[0]") {
                let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [stranger])
                _ = try await fixture.groups.addGroupMembers(request, context: context)
            }
            await expectRPCError(.failedPrecondition, field: "group.member_contact_ids[0]") {
                let request = UpdateGroupRequest(
                    group: ContactGroup(id: group.id, memberContactIDs: [stranger]),
                    updateMask: ["member_contact_ids"]
                )
                _ = try await fixture.groups.updateGroup(request, context: context)
            }
            await expectRPCError(.notFound) {
                _ = try await fixture.groups.listContactGroups(
                    ListContactGroupsRequest(contactID: stranger),
                    context: context
                )
            }
            #expect(fixture.groups.groupIDs(ofContact: stranger, tenant: "globex").isEmpty)
            #expect(try fixture.groups.group(group.id, tenant: "acme") == nil)
            #expect(!fixture.groups.groupExists(group.id, tenant: "acme"))
        }
    }
}
