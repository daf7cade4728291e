import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupValidationTests {
    /// A name, and the name stored for it (nil when refused with INVALID_ARGUMENT on
    /// `group.name`).
    static let names: [(String, String?)] = [
        ("On-call DBAs", "On-call DBAs"),
        ("  trimmed\u{3000}", "trimmed"),
        ("运维值班组", "运维值班组"),
        ("Équipe d’astreinte 🚨", "Équipe d’astreinte 🚨"),
        (String(repeating: "x", count: 100), String(repeating: "x", count: 100)),
        (String(repeating: "🚨", count: 100), String(repeating: "🚨", count: 100)),
        (String(repeating: "x", count: 101), nil),
        (String(repeating: "語", count: 101), nil),
        ("", nil),
        ("   \n\t ", nil),
        ("Ops\nTeam", nil),
        ("Ops\tTeam", nil),
        ("bell\u{7}", nil),
        ("escape\u{1B}[31m", nil),
        ("del\u{7F}", nil),
        ("c1\u{85}x", nil),
    ]

    @Test(arguments: names)
    func groupNames(name: String, stored: String?) async throws {
        try await withGroups { fixture in
            if let stored {
                let group = try await fixture.makeGroup(name)
                #expect(group.name == stored)
                #expect(try await fixture.group(group.id).name == stored)
            } else {
                await expectRPCError(.invalidArgument, field: "group.name") {
                    try await fixture.makeGroup(name)
                }
                #expect(fixture.groups.groupCount(tenant: "acme") == 0)
            }
        }
    }

    /// A note, and the note stored for it (nil when refused on `group.note`).
    static let notes: [(String, String?)] = [
        ("", ""),
        ("Primary on-call for the payments database.", "Primary on-call for the payments database."),
        ("line one\nline two\r\nline three", "line one\nline two\r\nline three"),
        ("  padded  ", "padded"),
        (String(repeating: "n", count: 500), String(repeating: "n", count: 500)),
        (String(repeating: "n", count: 501), nil),
        ("tab\there", nil),
        ("bell\u{7}", nil),
        ("nul\u{0}", nil),
    ]

    @Test(arguments: notes)
    func groupNotes(note: String, stored: String?) async throws {
        try await withGroups { fixture in
            if let stored {
                let group = try await fixture.makeGroup("Ops", note: note)
                #expect(group.note == stored)
            } else {
                await expectRPCError(.invalidArgument, field: "group.note") {
                    try await fixture.makeGroup("Ops", note: note)
                }
            }
        }
    }

    @Test func everyInvalidFieldIsReportedAtOnce() async throws {
        try await withGroups { fixture in
            let error = await expectRPCError(.invalidArgument) {
                try await fixture.makeGroup("", note: String(repeating: "n", count: 501))
            }
            #expect(error?.fieldViolations.map(\.field) == ["group.name", "group.note"])
        }
    }

    @Test func outputOnlyFieldsOfACreateAreIgnored() async throws {
        try await withGroups { fixture in
            let request = CreateGroupRequest(
                group: ContactGroup(id: "grp_mine", name: "Ops", createTimeUnixMs: 5, updateTimeUnixMs: 6, version: 9)
            )
            let group = try #require(try await fixture.groups.createGroup(request, context: fixture.context()).group)
            #expect(group.id.hasPrefix("grp_") && group.id.count == 30)
            #expect(group.version == 1)
            #expect(group.createTimeUnixMs == fixture.clock.nowUnixMilliseconds())
            #expect(group.updateTimeUnixMs == group.createTimeUnixMs)
        }
    }

    @Test func requestsWithoutTheirRequiredFieldsAreRefused() async throws {
        try await withGroups { fixture in
            let groups = fixture.groups
            let context = fixture.context()
            await expectRPCError(.invalidArgument, field: "group") {
                _ = try await groups.createGroup(CreateGroupRequest(), context: context)
            }
            await expectRPCError(.invalidArgument, field: "id") {
                _ = try await groups.getGroup(GetGroupRequest(), context: context)
            }
            await expectRPCError(.invalidArgument, field: "group") {
                _ = try await groups.updateGroup(UpdateGroupRequest(updateMask: ["name"]), context: context)
            }
            await expectRPCError(.invalidArgument, field: "group.id") {
                let request = UpdateGroupRequest(group: ContactGroup(name: "x"), updateMask: ["name"])
                _ = try await groups.updateGroup(request, context: context)
            }
            await expectRPCError(.invalidArgument, field: "id") {
                _ = try await groups.deleteGroup(DeleteGroupRequest(), context: context)
            }
            await expectRPCError(.invalidArgument, field: "contact_id") {
                _ = try await groups.listContactGroups(ListContactGroupsRequest(), context: context)
            }
        }
    }

    /// Update masks: (mask, the violation's field) for refused masks.
    static let badMasks: [([String], String)] = [
        ([], "update_mask"),
        (["version"], "update_mask[0]"),
        (["name", "id"], "update_mask[1]"),
        (["members"], "update_mask[0]"),
        (["create_time_unix_ms"], "update_mask[0]"),
    ]

    @Test(arguments: badMasks)
    func updateMasksNameUpdatableFieldsOnly(mask: [String], field: String) async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops")
            await expectRPCError(.invalidArgument, field: field) {
                let request = UpdateGroupRequest(group: ContactGroup(id: group.id, name: "Dev"), updateMask: mask)
                _ = try await fixture.groups.updateGroup(request, context: fixture.context())
            }
            #expect(try await fixture.group(group.id) == group)
        }
    }

    @Test func updatesValidateOnlyTheFieldsInTheMask() async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup("Ops", note: "old")
            let request = UpdateGroupRequest(
                group: ContactGroup(id: group.id, name: "", note: " new "),
                updateMask: ["note"]
            )
            let updated = try #require(try await fixture.groups.updateGroup(request, context: fixture.context()).group)
            #expect(updated.name == "Ops")
            #expect(updated.note == "new")
            #expect(updated.version == 2)
            await expectRPCError(.invalidArgument, field: "group.name") {
                let request = UpdateGroupRequest(group: ContactGroup(id: group.id, name: "\u{7}"), updateMask: ["*"])
                _ = try await fixture.groups.updateGroup(request, context: fixture.context())
            }
        }
    }

    /// Member-change requests: (group id, contact id count, the violation's field).
    static let badMemberRequests: [(String, Int, String)] = [
        ("", 1, "group_id"),
        ("grp_x", 0, "contact_ids"),
        ("grp_x", 501, "contact_ids"),
    ]

    @Test(arguments: badMemberRequests)
    func memberRequestsCarryAGroupAndOneTo500Ids(groupID: String, count: Int, field: String) async throws {
        try await withGroups { fixture in
            let ids = (0..<count).map { "ct_\($0)" }
            await expectRPCError(.invalidArgument, field: field) {
                let request = AddGroupMembersRequest(groupID: groupID, contactIDs: ids)
                _ = try await fixture.groups.addGroupMembers(request, context: fixture.context())
            }
            await expectRPCError(.invalidArgument, field: field) {
                let request = RemoveGroupMembersRequest(groupID: groupID, contactIDs: ids)
                _ = try await fixture.groups.removeGroupMembers(request, context: fixture.context())
            }
        }
    }

    @Test func listRequestsAreChecked() async throws {
        try await withGroups { fixture in
            let groups = fixture.groups
            let context = fixture.context()
            await expectRPCError(.invalidArgument, field: "page_size") {
                _ = try await groups.listGroups(ListGroupsRequest(pageSize: -1), context: context)
            }
            await expectRPCError(.invalidArgument, field: "name_contains") {
                let request = ListGroupsRequest(nameContains: String(repeating: "a", count: 101))
                _ = try await groups.listGroups(request, context: context)
            }
            await expectRPCError(.invalidArgument, field: "page_token") {
                _ = try await groups.listGroups(ListGroupsRequest(pageToken: "not a token!"), context: context)
            }
            let contact = try await fixture.makeContact()
            await expectRPCError(.invalidArgument, field: "page_size") {
                let request = ListContactGroupsRequest(contactID: contact, pageSize: -5)
                _ = try await groups.listContactGroups(request, context: context)
            }
        }
    }
}
