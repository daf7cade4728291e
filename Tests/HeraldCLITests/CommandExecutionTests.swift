import ArgumentParser
import HeraldProtos
import HeraldRPC
import HeraldWire
import Testing

@testable import HeraldCLI

/// Commands run against an in-process channel: the calls they make and what they print.
@Suite struct CommandExecutionTests {
    /// A server with `count` contacts, `ct_0`, `ct_1`, …, served `pageSize` at a time (or as
    /// many as asked), with the next index as the page token.
    private static func channel(contacts count: Int, pageSize defaultSize: Int = 50) -> FakeChannel {
        let channel = FakeChannel()
        channel.on(ContactService.listContacts) { request in
            let start = Int(request.pageToken) ?? 0
            let size = request.pageSize == 0 ? defaultSize : Int(request.pageSize)
            let end = min(count, start + size)
            return ListContactsResponse(
                contacts: (start..<end).map { Contact(id: "ct_\($0)", name: "Contact \($0)", version: 1) },
                nextPageToken: end < count ? "\(end)" : "",
                totalSize: UInt32(count)
            )
        }
        return channel
    }

    @Test func listPrintsOnePageAndTheCommandForTheNext() async throws {
        let channel = Self.channel(contacts: 3)
        let command = try parse(
            ["contact", "list", "--page-size", "2", "--phone-state", "none", "--tenant", "acme"],
            as: ContactListCommand.self
        )
        let output = try await command.execute(on: channel)
        #expect(
            output.text == """
                ID    NAME       PHONE  EMAIL  WEBHOOKS  IM  VERSION
                ct_0  Contact 0  -      -      0         -   1
                ct_1  Contact 1  -      -      0         -   1
                2 of 3 contacts
                next page: herald contact list --tenant acme --phone-state none --page-size 2 --page-token 2
                """
        )
        #expect(output.status == 0)
        #expect(
            channel.requests(ContactService.listContacts)
                == [ListContactsRequest(pageSize: 2, phoneState: .unspecified)]
        )

        let next = try parse(["contact", "list", "--page-size", "2", "--page-token", "2"], as: ContactListCommand.self)
        let last = try await next.execute(on: channel)
        #expect(last.text.hasSuffix("ct_2  Contact 2  -      -      0         -   1\n1 of 3 contacts"))
    }

    @Test func listAllFollowsTheTokens() async throws {
        let channel = Self.channel(contacts: 1234)
        let command = try parse(["contact", "list", "--all", "--json"], as: ContactListCommand.self)
        let output = try await command.execute(on: channel)
        let response = try ListContactsResponse(jsonString: output.text)
        #expect(response.contacts.map(\.id) == (0..<1234).map { "ct_\($0)" })
        #expect(response.nextPageToken.isEmpty)
        #expect(response.totalSize == 1234)
        #expect(channel.requests(ContactService.listContacts).map(\.pageToken) == ["", "500", "1000"])
        #expect(channel.requests(ContactService.listContacts).allSatisfy { $0.pageSize == 500 })
    }

    @Test func listAllStopsAtTenThousand() async throws {
        let channel = Self.channel(contacts: 25_000)
        let command = try parse(["contact", "list", "--all"], as: ContactListCommand.self)
        let output = try await command.execute(on: channel)
        #expect(channel.requests(ContactService.listContacts).count == 20)
        #expect(
            output.text.hasSuffix(
                "10000 of 25000 contacts\nnext page: herald contact list --page-token 10000"
            )
        )
    }

    @Test func searchSendsTheQueryAndField() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.searchContacts) { _ in
            SearchContactsResponse(contacts: [Fixtures.plainContact], nextPageToken: "t2", totalSize: 9)
        }
        let command = try parse(["contact", "search", "Li Na", "--field", "name"], as: ContactSearchCommand.self)
        let output = try await command.execute(on: channel)
        #expect(
            channel.requests(ContactService.searchContacts) == [SearchContactsRequest(query: "Li Na", field: .name)]
        )
        #expect(
            output.text.hasSuffix(
                "1 of 9 contacts\nnext page: herald contact search 'Li Na' --field name --page-token t2"
            )
        )
    }

    @Test func createSendsTheIdempotencyKeyAndPrintsTheContact() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.createContact) { request in
            var contact = request.contact ?? Contact()
            contact.id = "ct_9"
            contact.version = 1
            return CreateContactResponse(contact: contact, groupIDs: request.groupIDs)
        }
        let command = try parse(
            [
                "contact", "create", "--name", "Li Na", "--im", "wecom=lina", "--group", "grp_1", "--idempotency-key",
                "k1",
            ],
            as: ContactCreateCommand.self
        )
        let output = try await command.execute(on: channel)
        #expect(channel.options(ContactService.createContact).map(\.idempotencyKey) == ["k1"])
        #expect(output.text.hasPrefix("id:                   ct_9\nname:                 Li Na\n"))
        #expect(output.text.contains("\nim accounts:          wecom=lina\n"))
        #expect(output.text.contains("\ngroups:               grp_1\n"))
    }

    @Test func jsonIsTheResponseMessage() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.getContact) { _ in GetContactResponse(contact: Fixtures.contact, groupIDs: ["grp_1"])
        }
        let output = try await parse(["contact", "get", "ct_1", "--json"], as: ContactGetCommand.self)
            .execute(on: channel)
        #expect(
            output.text == GetContactResponse(contact: Fixtures.contact, groupIDs: ["grp_1"]).jsonString(pretty: true)
        )
        #expect(try GetContactResponse(jsonString: output.text).contact == Fixtures.contact)
    }

    @Test func deleteManyFailsWhenAnyContactFails() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.batchDeleteContacts) { request in
            BatchDeleteContactsResponse(
                results: request.ids.map { id in
                    ItemResult(
                        id: id,
                        status: Status(
                            code: id == "ct_x" ? .notFound : .ok,
                            message: id == "ct_x" ? "no such contact" : ""
                        )
                    )
                }
            )
        }
        let failed = try await parse(
            ["contact", "delete-many", "ct_1", "ct_x", "ct_2"],
            as: ContactDeleteManyCommand.self
        )
        .execute(on: channel)
        #expect(failed.status == 15)
        #expect(failed.text.contains("ct_x  NOT_FOUND  no such contact"))
        #expect(failed.text.hasSuffix("2 deleted, 1 failed"))

        let fine = try await parse(
            ["contact", "delete-many", "ct_1", "ct_2", "--json"],
            as: ContactDeleteManyCommand.self
        )
        .execute(on: channel)
        #expect(fine.status == 0)
        #expect(try BatchDeleteContactsResponse(jsonString: fine.text).results.count == 2)
    }

    @Test func errorsPropagateAsRPCErrors() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.updateContact) { (_) throws(RPCError) -> UpdateContactResponse in
            throw RPCError(code: .aborted, message: "stale", currentVersion: 5)
        }
        let command = try parse(
            ["contact", "update", "ct_1", "--name", "N", "--expected-version", "4"],
            as: ContactUpdateCommand.self
        )
        await #expect(throws: RPCError(code: .aborted, message: "stale", currentVersion: 5)) {
            try await command.execute(on: channel)
        }
        #expect(channel.requests(ContactService.updateContact).first?.updateMask == ["name"])
    }

    @Test func groupMembershipAndTenantCommands() async throws {
        let channel = FakeChannel()
        channel.on(GroupService.addGroupMembers) { request in
            AddGroupMembersResponse(group: Fixtures.group, addedContactIDs: ["ct_22"])
        }
        channel.on(ContactService.updateTenantSettings) { request in
            UpdateTenantSettingsResponse(settings: Fixtures.settings)
        }
        channel.on(GroupService.listContactGroups) { request in
            ListContactGroupsResponse(groups: [Fixtures.group], totalSize: 1)
        }
        let added = try await parse(
            ["group", "add-members", "grp_1", "ct_1", "ct_22"],
            as: GroupAddMembersCommand.self
        )
        .execute(on: channel)
        #expect(added.text.hasPrefix("added: ct_22\nalready members: ct_1\n\nid:      grp_1\n"))

        let tenant = try await parse(["tenant", "set", "--site", "china"], as: TenantSetCommand.self).execute(
            on: channel
        )
        #expect(tenant.text == TenantOutput.details(Fixtures.settings))
        #expect(channel.requests(ContactService.updateTenantSettings).first?.updateMask == ["site"])

        let groups = try await parse(["group", "of-contact", "ct_1"], as: GroupOfContactCommand.self).execute(
            on: channel
        )
        #expect(groups.text.hasSuffix("grp_1  DBA   2        4        2025-03-05T00:00:00Z\n1 of 1 groups"))
        #expect(channel.requests(GroupService.listContactGroups) == [ListContactGroupsRequest(contactID: "ct_1")])
    }

    @Test func healthPrintsTheComponentsAndExitsOneWhenNotServing() async throws {
        let channel = FakeChannel()
        channel.on(HealthService.check) { request in
            HealthCheckResponse(
                status: request.service.isEmpty ? .notServing : .serving,
                serverVersion: "0.1.0",
                uptimeMs: 12_345,
                protocolVersion: 1,
                components: [
                    ComponentHealth(name: "herald.v1.ContactService", status: .notServing, detail: "disk full")
                ]
            )
        }
        let down = try await parse(["health"], as: HealthCommand.self).execute(on: channel)
        #expect(
            down.text == """
                NOT_SERVING
                VERSION  UPTIME  PROTOCOL
                0.1.0    12s     1
                COMPONENT                 STATUS       DETAIL
                herald.v1.ContactService  NOT_SERVING  disk full
                """
        )
        #expect(down.status == 1)
        let up = try await parse(["health", "herald.v1.GroupService", "--json"], as: HealthCommand.self)
            .execute(on: channel)
        #expect(try HealthCheckResponse(jsonString: up.text).status == .serving)
        #expect(up.status == 0)
        #expect(channel.requests(HealthService.check).map(\.service) == ["", "herald.v1.GroupService"])
    }

    @Test func callSendsTheJSONRequestAndPrintsTheJSONResponse() async throws {
        let channel = FakeChannel()
        channel.on(ContactService.getContact) { request in
            GetContactResponse(contact: Contact(id: request.id, name: "Zhang Wei"), groupIDs: ["grp_1"])
        }
        let output = try await parse(
            ["call", "ContactService/GetContact", "--data", #"{"id": "ct_1"}"#],
            as: CallCommand.self
        )
        .execute(on: channel)
        #expect(try GetContactResponse(jsonString: output.text).groupIDs == ["grp_1"])
        #expect(output.status == 0)
        #expect(channel.requests(ContactService.getContact) == [GetContactRequest(id: "ct_1")])
        await #expect(throws: ValidationError.self) {
            _ = try await parse(["call", "ContactService/Nope"], as: CallCommand.self).execute(on: channel)
        }
    }
}
