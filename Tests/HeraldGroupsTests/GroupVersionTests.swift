import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupVersionTests {
    @Test func ofTwoConcurrentUpdatersOfOneVersionOneIsAborted() async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops", note: "v1")
            let context = fixture.context()
            func update(_ note: String) async -> Result<UpdateGroupResponse, any Error> {
                await outcome {
                    let request = UpdateGroupRequest(
                        group: ContactGroup(id: group.id, note: note),
                        updateMask: ["note"],
                        expectedVersion: group.version
                    )
                    return try await fixture.groups.updateGroup(request, context: context)
                }
            }
            async let first = update("first")
            async let second = update("second")
            let outcomes = await [first, second]
            let winners = outcomes.compactMap { try? $0.get().group }
            try #require(winners.count == 1)
            #expect(winners[0].version == 2)
            for case .failure(let error) in outcomes {
                let error = try #require(error as? RPCError)
                #expect(error.code == .aborted)
                #expect(error.currentVersion == 2)
            }
            #expect(try await fixture.group(group.id) == winners[0])
        }
    }

    @Test func manyConcurrentUpdatersEachWinOnce() async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops")
            let context = fixture.context()
            // Every updater reads, then writes with the version it read, retrying on ABORTED: no
            // update is lost. A read sees committed writes only, so an updater may lose again and
            // again to a write still being committed: retries are bounded by time, not count.
            let deadline = ContinuousClock.now + .seconds(60)
            await withTaskGroup(of: Void.self) { tasks in
                for index in 0..<10 {
                    tasks.addTask {
                        while ContinuousClock.now < deadline {
                            do {
                                let current = try await fixture.group(group.id)
                                let request = UpdateGroupRequest(
                                    group: ContactGroup(id: group.id, note: current.note + "\(index),"),
                                    updateMask: ["note"],
                                    expectedVersion: current.version
                                )
                                _ = try await fixture.groups.updateGroup(request, context: context)
                                return
                            } catch let error as RPCError where error.code == .aborted {
                                await Task.yield()
                            } catch {
                                Issue.record("updater \(index): \(error)")
                                return
                            }
                        }
                        Issue.record("updater \(index) still lost after a minute")
                    }
                }
            }
            let final = try await fixture.group(group.id)
            #expect(final.version == 11)
            #expect(Set(final.note.split(separator: ",")) == Set((0..<10).map { "\($0)"[...] }))
        }
    }

    @Test func everyChangeTakesTheVersionItRead() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact()
            let group = try await fixture.makeGroup("Ops")
            let context = fixture.context()
            let stale: UInt64 = 7
            await expectRPCError(.aborted) {
                let request = UpdateGroupRequest(
                    group: ContactGroup(id: group.id, name: "Dev"),
                    updateMask: ["name"],
                    expectedVersion: stale
                )
                _ = try await fixture.groups.updateGroup(request, context: context)
            }
            await expectRPCError(.aborted) {
                let request = AddGroupMembersRequest(groupID: group.id, contactIDs: [alice], expectedVersion: stale)
                _ = try await fixture.groups.addGroupMembers(request, context: context)
            }
            await expectRPCError(.aborted) {
                let request = RemoveGroupMembersRequest(groupID: group.id, contactIDs: [alice], expectedVersion: stale)
                _ = try await fixture.groups.removeGroupMembers(request, context: context)
            }
            let error = await expectRPCError(.aborted) {
                let request = DeleteGroupRequest(id: group.id, expectedVersion: stale)
                _ = try await fixture.groups.deleteGroup(request, context: context)
            }
            #expect(error?.currentVersion == 1)
            #expect(try await fixture.group(group.id) == group)

            let added = try await fixture.groups.addGroupMembers(
                AddGroupMembersRequest(groupID: group.id, contactIDs: [alice], expectedVersion: 1),
                context: context
            )
            #expect(added.group?.version == 2)
            let removed = try await fixture.groups.removeGroupMembers(
                RemoveGroupMembersRequest(groupID: group.id, contactIDs: [alice], expectedVersion: 2),
                context: context
            )
            #expect(removed.group?.version == 3)
            _ = try await fixture.groups.deleteGroup(
                DeleteGroupRequest(id: group.id, expectedVersion: 3),
                context: context
            )
            await expectRPCError(.notFound) { _ = try await fixture.group(group.id) }
        }
    }
}
