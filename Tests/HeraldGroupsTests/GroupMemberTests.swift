import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupMemberTests {
    @Test func membersMustBeExistingContactsOfTheTenant() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact("Alice")
            let stranger = try await fixture.makeContact("Stranger", tenant: "globex")
            let error = await expectRPCError(.failedPrecondition) {
                try await fixture.makeGroup("Ops", members: [alice, "ct_00000000000000000000000000", stranger, ""])
            }
            #expect(
                error?.fieldViolations.map(\.field) == [
                    "group.member_contact_ids[1]", "group.member_contact_ids[2]", "group.member_contact_ids[3]",
                ]
            )
            #expect(fixture.groups.groupCount(tenant: "acme") == 0)
        }
    }

    @Test func duplicateMembersAreCollapsedInFirstSeenOrder() async throws {
        try await withGroups { fixture in
            let people = try await fixture.makeContacts(3)
            let group = try await fixture.makeGroup(
                "Ops",
                members: [people[2], people[0], people[2], people[1], people[0]]
            )
            #expect(group.memberContactIDs == [people[2], people[0], people[1]])
        }
    }

    @Test func addingIsAllOrNothingAndIgnoresMembers() async throws {
        try await withGroups { fixture in
            let people = try await fixture.makeContacts(4)
            let group = try await fixture.makeGroup("Ops", members: [people[0]])
            let context = fixture.context()
            let error = await expectRPCError(.failedPrecondition, field: "contact_ids[2]") {
                let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [people[1], people[2], "ct_gone"])
                _ = try await fixture.groups.addGroupMembers(request, context: context)
            }
            #expect(error?.fieldViolations.count == 1)
            #expect(try await fixture.group(group.id) == group)

            let request = AddGroupMembersRequest(
                groupID: group.id,
                contactIDs: [people[2], people[0], people[1], people[2]]
            )
            let response = try await fixture.groups.addGroupMembers(request, context: context)
            #expect(response.addedContactIDs == [people[2], people[1]])
            #expect(response.group?.memberContactIDs == [people[0], people[2], people[1]])
            #expect(response.group?.version == 2)

            // A retry adds nothing and keeps the version.
            let retry = try await fixture.groups.addGroupMembers(request, context: context)
            #expect(retry.addedContactIDs.isEmpty)
            #expect(retry.group == response.group)
        }
    }

    @Test func removingIgnoresNonMembers() async throws {
        try await withGroups { fixture in
            let people = try await fixture.makeContacts(3)
            let group = try await fixture.makeGroup("Ops", members: people)
            let context = fixture.context()
            fixture.clock.advance(milliseconds: 1_000)
            let request = RemoveGroupMembersRequest(
                groupID: group.id,
                contactIDs: ["ct_unknown", people[1], people[1]]
            )
            let response = try await fixture.groups.removeGroupMembers(request, context: context)
            #expect(response.removedContactIDs == [people[1]])
            #expect(response.group?.memberContactIDs == [people[0], people[2]])
            #expect(response.group?.version == 2)
            #expect(response.group?.updateTimeUnixMs == group.createTimeUnixMs + 1_000)

            let again = try await fixture.groups.removeGroupMembers(request, context: context)
            #expect(again.removedContactIDs.isEmpty)
            #expect(again.group == response.group)
        }
    }

    @Test func updateReplacesTheWholeMemberList() async throws {
        try await withGroups { fixture in
            let people = try await fixture.makeContacts(4)
            let group = try await fixture.makeGroup("Ops", note: "keep", members: [people[0], people[1]])
            let context = fixture.context()
            await expectRPCError(.failedPrecondition, field: "group.member_contact_ids[1]") {
                let request = UpdateGroupRequest(
                    group: ContactGroup(id: group.id, memberContactIDs: [people[2], "ct_nobody"]),
                    updateMask: ["member_contact_ids"]
                )
                _ = try await fixture.groups.updateGroup(request, context: context)
            }
            let request = UpdateGroupRequest(
                group: ContactGroup(id: group.id, memberContactIDs: [people[3], people[1], people[3]]),
                updateMask: ["member_contact_ids"]
            )
            let updated = try #require(try await fixture.groups.updateGroup(request, context: context).group)
            #expect(updated.memberContactIDs == [people[3], people[1]])
            #expect(updated.name == "Ops")
            #expect(updated.note == "keep")
            #expect(fixture.groups.groupIDs(ofContact: people[0], tenant: "acme").isEmpty)
            #expect(fixture.groups.groupIDs(ofContact: people[3], tenant: "acme") == [group.id])
        }
    }

    @Test func unknownGroupsAreNotFound() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact()
            let context = fixture.context()
            for id in ["grp_00000000000000000000000000", "grp_nope", "ct_x", "g/acme/"] {
                await expectRPCError(.notFound) {
                    let request = AddGroupMembersRequest(groupID: id, contactIDs: [alice])
                    _ = try await fixture.groups.addGroupMembers(request, context: context)
                }
                await expectRPCError(.notFound) {
                    let request = RemoveGroupMembersRequest(groupID: id, contactIDs: [alice])
                    _ = try await fixture.groups.removeGroupMembers(request, context: context)
                }
                await expectRPCError(.notFound) {
                    _ = try await fixture.groups.getGroup(GetGroupRequest(id: id), context: context)
                }
                await expectRPCError(.notFound) {
                    _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: id), context: context)
                }
                await expectRPCError(.notFound) {
                    let request = UpdateGroupRequest(group: ContactGroup(id: id, name: "x"), updateMask: ["name"])
                    _ = try await fixture.groups.updateGroup(request, context: context)
                }
            }
        }
    }
}
