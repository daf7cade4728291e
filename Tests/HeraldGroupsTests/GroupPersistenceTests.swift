import HeraldContacts
import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

@Suite struct GroupPersistenceTests {
    /// With durability `always`, everything acknowledged is there after a reopen, and the
    /// indexes (names, members) and the count are rebuilt from the log.
    @Test func everythingSurvivesAReopen() async throws {
        try await withGroups(durability: .always) { fixture in
            try await fixture.setQuotas(maxGroups: 3)
            let people = try await fixture.makeContacts(3)
            let ops = try await fixture.makeGroup("Ops", note: "first line\nsecond", members: [people[0], people[1]])
            let dev = try await fixture.makeGroup("Dev", members: [people[1]])
            let gone = try await fixture.makeGroup("Gone", members: [people[2]])
            let context = fixture.context()
            let renamed = try #require(
                try await fixture.groups.updateGroup(
                    UpdateGroupRequest(group: ContactGroup(id: dev.id, name: "Developers"), updateMask: ["name"]),
                    context: context
                ).group
            )
            _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: gone.id), context: context)
            _ = try await fixture.contacts.deleteContact(DeleteContactRequest(id: people[0]), context: context)
            let opsNow = try await fixture.group(ops.id)
            let before = try await fixture.groups.listGroups(ListGroupsRequest(), context: context)

            try await fixture.reopen()

            let after = try await fixture.groups.listGroups(ListGroupsRequest(), context: fixture.context())
            #expect(after == before)
            #expect(after.groups == [opsNow, renamed])
            #expect(opsNow.memberContactIDs == [people[1]])
            await expectRPCError(.notFound) { _ = try await fixture.group(gone.id) }
            // Name index: the old name is free, the new one taken, case-insensitively.
            let error = await expectRPCError(.alreadyExists) { try await fixture.makeGroup("DEVELOPERS") }
            #expect(error?.conflictingID == dev.id)
            // Member index.
            #expect(fixture.groups.groupIDs(ofContact: people[1], tenant: "acme") == [ops.id, dev.id])
            #expect(fixture.groups.groupIDs(ofContact: people[2], tenant: "acme").isEmpty)
            // Count (quota 3: two groups exist).
            #expect(fixture.groups.groupCount(tenant: "acme") == 2)
            try await fixture.makeGroup("Dev")
            await expectRPCError(.resourceExhausted) { try await fixture.makeGroup("Fourth") }
        }
    }

    @Test func indexesAreRebuiltFromASnapshotToo() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact("Alice")
            var ids: [String] = []
            for index in 0..<20 {
                ids.append(
                    try await fixture.makeGroup("Group \(index)", members: index.isMultiple(of: 3) ? [alice] : []).id
                )
            }
            let table = try await fixture.store.table("groups")
            try await table.snapshot()
            try await fixture.reopen()
            let expected = ids.enumerated().filter { $0.offset.isMultiple(of: 3) }.map(\.element)
            #expect(fixture.groups.groupIDs(ofContact: alice, tenant: "acme") == expected)
            await expectRPCError(.alreadyExists) { try await fixture.makeGroup("GROUP 7") }
            #expect(fixture.groups.groupCount(tenant: "acme") == 20)
        }
    }
}
