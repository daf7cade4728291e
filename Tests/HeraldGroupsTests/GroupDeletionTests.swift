import HeraldContacts
import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

@Suite struct GroupDeletionTests {
    @Test func deletingAGroupKeepsItsContactsAndTellsTheObservers() async throws {
        try await withGroups { fixture in
            let rules = RecordingRuleService()
            fixture.groups.attach(deletionObserver: rules)
            let alice = try await fixture.makeContact("Alice")
            let group = try await fixture.makeGroup("Ops", members: [alice])
            let response = try await fixture.groups.deleteGroup(
                DeleteGroupRequest(id: group.id),
                context: fixture.context()
            )
            #expect(response.removedFromRuleIDs == ["rule_for_\(group.id)"])
            #expect(rules.calls == ["acme/\(group.id)"])
            #expect(fixture.contacts.contactExists(alice, tenant: "acme"))
            #expect(fixture.groups.groupIDs(ofContact: alice, tenant: "acme").isEmpty)
            #expect(fixture.groups.groupCount(tenant: "acme") == 0)
            await expectRPCError(.notFound) {
                _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: group.id), context: fixture.context())
            }
            #expect(rules.calls.count == 1)
            #expect(try await fixture.groups.resumePendingDeletions() == 0)
        }
    }

    @Test func aFailedCleanUpIsFinishedByARetry() async throws {
        try await withGroups { fixture in
            let rules = RecordingRuleService()
            fixture.groups.attach(deletionObserver: rules)
            let group = try await fixture.makeGroup("Ops")
            let context = fixture.context()
            rules.setFailing(true)
            await #expect(throws: RecordingRuleService.Failure.self) {
                _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: group.id), context: context)
            }
            // The group is gone at once; only the clean-up is pending.
            await expectRPCError(.notFound) { _ = try await fixture.group(group.id) }
            #expect(fixture.groups.groupCount(tenant: "acme") == 0)
            rules.setFailing(false)
            // Another tenant's retry neither sees nor finishes it.
            await expectRPCError(.notFound) {
                _ = try await fixture.groups.deleteGroup(
                    DeleteGroupRequest(id: group.id),
                    context: fixture.context("globex")
                )
            }
            let retry = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: group.id), context: context)
            #expect(retry.removedFromRuleIDs == ["rule_for_\(group.id)"])
            #expect(rules.calls == Array(repeating: "acme/\(group.id)", count: 2))
            await expectRPCError(.notFound) {
                _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: group.id), context: context)
            }
        }
    }

    @Test func pendingCleanUpsAreFinishedAfterARestart() async throws {
        try await withGroups(durability: .always) { fixture in
            let rules = RecordingRuleService()
            fixture.groups.attach(deletionObserver: rules)
            let ops = try await fixture.makeGroup("Ops")
            let dev = try await fixture.makeGroup("Dev", tenant: "globex")
            rules.setFailing(true)
            for (group, tenant) in [(ops, "acme"), (dev, "globex")] {
                _ = try? await fixture.groups.deleteGroup(
                    DeleteGroupRequest(id: group.id),
                    context: fixture.context(tenant)
                )
            }
            try await fixture.reopen()

            let restarted = RecordingRuleService()
            fixture.groups.attach(deletionObserver: restarted)
            #expect(try await fixture.groups.resumePendingDeletions() == 2)
            #expect(Set(restarted.calls) == ["acme/\(ops.id)", "globex/\(dev.id)"])
            #expect(try await fixture.groups.resumePendingDeletions() == 0)
            #expect(restarted.calls.count == 2)
        }
    }

    @Test func withoutObserversDeletingStillWorks() async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops")
            let response = try await fixture.groups.deleteGroup(
                DeleteGroupRequest(id: group.id),
                context: fixture.context()
            )
            #expect(response.removedFromRuleIDs.isEmpty)
            #expect(try await fixture.groups.resumePendingDeletions() == 0)
        }
    }
}
