import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupNameTests {
    /// Pairs of names that are the same name: the second is refused.
    static let sameNames: [(String, String)] = [
        ("Ops", "Ops"),
        ("Ops", "OPS"),
        ("On-Call DBAs", "on-call dbas"),
        ("Café", "CAFÉ"),
        ("Café", "cafe\u{301}"),
        ("ÆGIR", "ægir"),
        ("Ops", "  ops  "),
    ]

    @Test(arguments: sameNames)
    func namesAreUniqueInATenantCaseInsensitively(first: String, second: String) async throws {
        try await withGroups { fixture in
            let existing = try await fixture.makeGroup(first)
            let error = await expectRPCError(.alreadyExists, field: "group.name") {
                try await fixture.makeGroup(second)
            }
            #expect(error?.conflictingID == existing.id)
            #expect(fixture.groups.groupCount(tenant: "acme") == 1)
        }
    }

    @Test func differentNamesAndOtherTenantsDoNotConflict() async throws {
        try await withGroups { fixture in
            try await fixture.makeGroup("Ops")
            try await fixture.makeGroup("Ops 2")
            try await fixture.makeGroup("Op")
            try await fixture.makeGroup("Ops", tenant: "globex")
            #expect(fixture.groups.groupCount(tenant: "acme") == 3)
            #expect(fixture.groups.groupCount(tenant: "globex") == 1)
        }
    }

    @Test func renamingChecksUniquenessButAllowsChangingTheCaseOfTheOwnName() async throws {
        try await withGroups { fixture in
            let ops = try await fixture.makeGroup("Ops")
            let dev = try await fixture.makeGroup("Dev")
            let error = await expectRPCError(.alreadyExists, field: "group.name") {
                let request = UpdateGroupRequest(group: ContactGroup(id: dev.id, name: "OPS"), updateMask: ["name"])
                _ = try await fixture.groups.updateGroup(request, context: fixture.context())
            }
            #expect(error?.conflictingID == ops.id)
            #expect(try await fixture.group(dev.id) == dev)

            let request = UpdateGroupRequest(group: ContactGroup(id: ops.id, name: "OPS"), updateMask: ["name"])
            let renamed = try #require(try await fixture.groups.updateGroup(request, context: fixture.context()).group)
            #expect(renamed.name == "OPS")
            #expect(renamed.version == 2)
        }
    }

    @Test func aRenamedOrDeletedGroupFreesItsName() async throws {
        try await withGroups { fixture in
            let ops = try await fixture.makeGroup("Ops")
            let request = UpdateGroupRequest(group: ContactGroup(id: ops.id, name: "Operations"), updateMask: ["name"])
            _ = try await fixture.groups.updateGroup(request, context: fixture.context())
            let second = try await fixture.makeGroup("ops")
            await expectRPCError(.alreadyExists) { try await fixture.makeGroup("OPERATIONS") }
            _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: ops.id), context: fixture.context())
            try await fixture.makeGroup("Operations")
            #expect(try await fixture.group(second.id).name == "ops")
        }
    }

    @Test func concurrentCreatesWithOneNameMakeOneGroup() async throws {
        try await withGroups { fixture in
            let outcomes = await withTaskGroup(of: Result<ContactGroup, any Error>.self) { tasks in
                for index in 0..<16 {
                    tasks.addTask {
                        await outcome { try await fixture.makeGroup(index.isMultiple(of: 2) ? "Ops" : "OPS") }
                    }
                }
                return await tasks.reduce(into: []) { $0.append($1) }
            }
            let created = outcomes.compactMap { try? $0.get() }
            #expect(created.count == 1)
            for case .failure(let error) in outcomes {
                #expect((error as? RPCError)?.code == .alreadyExists)
                #expect((error as? RPCError)?.conflictingID == created.first?.id)
            }
            #expect(fixture.groups.groupCount(tenant: "acme") == 1)
        }
    }
}
