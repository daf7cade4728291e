import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupQuotaTests {
    @Test func aTenantHasAtMostMaxGroups() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroups: 2)
            let first = try await fixture.makeGroup("One")
            try await fixture.makeGroup("Two")
            await expectRPCError(.resourceExhausted) { try await fixture.makeGroup("Three") }
            // Other tenants have their own quota.
            try await fixture.makeGroup("Three", tenant: "globex")
            _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: first.id), context: fixture.context())
            try await fixture.makeGroup("Three")
            #expect(fixture.groups.groupCount(tenant: "acme") == 2)
        }
    }

    @Test func theDefaultQuotaIs100Groups() async throws {
        try await withGroups { fixture in
            for index in 0..<100 {
                try await fixture.makeGroup("Group \(index)")
            }
            await expectRPCError(.resourceExhausted) { try await fixture.makeGroup("Group 100") }
        }
    }

    @Test func concurrentCreatesNeverExceedTheQuota() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroups: 5)
            let outcomes = await withTaskGroup(of: Result<ContactGroup, any Error>.self) { tasks in
                for index in 0..<20 {
                    tasks.addTask { await outcome { try await fixture.makeGroup("Group \(index)") } }
                }
                return await tasks.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count { (try? $0.get()) != nil } == 5)
            for case .failure(let error) in outcomes {
                #expect((error as? RPCError)?.code == .resourceExhausted)
            }
            let list = try await fixture.groups.listGroups(ListGroupsRequest(), context: fixture.context())
            #expect(list.groups.count == 5)
            #expect(list.totalSize == 5)
        }
    }

    @Test func aGroupHasAtMostMaxGroupMembers() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroupMembers: 3)
            let people = try await fixture.makeContacts(5)
            await expectRPCError(.resourceExhausted, field: "group.member_contact_ids") {
                try await fixture.makeGroup("Ops", members: Array(people[0..<4]))
            }
            // Duplicates do not count.
            let group = try await fixture.makeGroup("Ops", members: [people[0], people[1], people[0], people[2]])
            #expect(group.memberContactIDs == Array(people[0..<3]))

            let context = fixture.context()
            await expectRPCError(.resourceExhausted, field: "contact_ids") {
                let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [people[3]])
                _ = try await fixture.groups.addGroupMembers(request, context: context)
            }
            // Adding members that are already in a full group is fine: nothing changes.
            let again = AddGroupMembersRequest(groupID: group.id, contactIDs: [people[1]])
            #expect(try await fixture.groups.addGroupMembers(again, context: context).addedContactIDs.isEmpty)
            await expectRPCError(.resourceExhausted, field: "group.member_contact_ids") {
                let request = UpdateGroupRequest(
                    group: ContactGroup(id: group.id, memberContactIDs: people),
                    updateMask: ["member_contact_ids"]
                )
                _ = try await fixture.groups.updateGroup(request, context: context)
            }
            #expect(try await fixture.group(group.id) == group)

            let remove = RemoveGroupMembersRequest(groupID: group.id, contactIDs: [people[0]])
            _ = try await fixture.groups.removeGroupMembers(remove, context: context)
            let add = AddGroupMembersRequest(groupID: group.id, contactIDs: [people[4], people[3]])
            await expectRPCError(.resourceExhausted) {
                _ = try await fixture.groups.addGroupMembers(add, context: context)
            }
            let added = try await fixture.groups.addGroupMembers(
                AddGroupMembersRequest(groupID: group.id, contactIDs: [people[4]]),
                context: context
            )
            #expect(added.group?.memberContactIDs == [people[1], people[2], people[4]])
        }
    }

    @Test func concurrentAddsNeverExceedTheMemberLimit() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroupMembers: 4)
            let people = try await fixture.makeContacts(12)
            let group = try await fixture.makeGroup("Ops")
            let context = fixture.context()
            await withTaskGroup(of: Void.self) { tasks in
                for person in people {
                    tasks.addTask {
                        let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [person])
                        _ = try? await fixture.groups.addGroupMembers(request, context: context)
                    }
                }
            }
            let stored = try await fixture.group(group.id)
            #expect(stored.memberContactIDs.count == 4)
            #expect(stored.version == 5)
        }
    }
}
