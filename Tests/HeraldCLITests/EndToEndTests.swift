import Foundation
import HeraldProtos
import HeraldTestSupport
import Testing

/// The `herald` binary against a real heraldd: contacts, groups and tenant settings, and how
/// errors come out.
@Suite struct EndToEndTests {
    /// The admin grant on tenant `acme` for the test client certificate.
    private static let policy = """
        {"grants": [{"identity": "\(TestCertificates.uriClientIdentity)", "role": "admin", "tenants": ["acme"]}]}
        """

    /// A heraldd for one test, and the CLI pointed at it.
    private struct Server {
        var process: HeraldProcess
        var environment: [String: String]

        /// Runs `herald ARGUMENTS…`.
        func herald(_ arguments: String...) async throws -> CommandRunner.Result {
            try await CommandRunner.run("herald", arguments, environment: environment)
        }

        /// Runs `herald ARGUMENTS… --json`, expects success and decodes the response.
        func json<Response: ProtoMessage>(
            _ type: Response.Type,
            _ arguments: String...,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> Response {
            let result = try await CommandRunner.run("herald", arguments + ["--json"], environment: environment)
            try #require(result.status == 0, "\(arguments): \(result.errorOutput)", sourceLocation: sourceLocation)
            return try Response(jsonString: result.output)
        }
    }

    /// Starts heraldd, runs `body`, and stops heraldd whatever happens.
    private func withServer(_ body: (Server) async throws -> Void) async throws {
        let certificates = try TestCertificates.shared()
        let (process, address) = try await HeraldProcess.start(certificates: certificates, policy: Self.policy)
        let server = Server(
            process: process,
            environment: [
                "HERALD_SERVER": address,
                "HERALD_CERT": certificates.uriClient.certificatePath,
                "HERALD_KEY": certificates.uriClient.privateKeyPath,
                "HERALD_CA": certificates.caPath,
                "HERALD_SERVER_NAME": "localhost",
                "HERALD_TENANT": "acme",
            ]
        )
        do {
            try await body(server)
        } catch {
            _ = await process.stop()
            throw error
        }
        #expect(await process.stop() == 0, "\(process.logText)")
    }

    /// The values of a key/value block, by key.
    private func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    @Test func contactsEndToEnd() async throws {
        try await withServer { server in
            let zhang = try await server.json(
                CreateContactResponse.self,
                "contact",
                "create",
                "--name",
                "Zhang Wei",
                "--phone",
                "+86 139 1234 5678",
                "--email",
                "zw@example.com",
                "--im",
                "dingtalk=zw1234",
                "--language",
                "chinese",
                "--idempotency-key",
                "create-zhang"
            )
            let a = try #require(zhang.contact)
            #expect(a.id.hasPrefix("ct_"))
            #expect(a.phone == "+8613912345678")
            #expect(a.version == 1)

            let get = try await server.herald("contact", "get", a.id)
            #expect(get.status == 0, "\(get.errorOutput)")
            let shown = fields(get.output)
            #expect(shown["name"] == "Zhang Wei")
            #expect(shown["phone"] == "+8613912345678 (unverified)")
            #expect(shown["email"] == "zw@example.com (unverified)")
            #expect(shown["im accounts"] == "dingtalk=zw1234")
            #expect(shown["language"] == "chinese")
            #expect(shown["groups"] == "-")
            #expect(shown["version"] == "1")
            #expect(shown["created"]?.hasSuffix("Z") == true)

            let li = try await server.json(
                CreateContactResponse.self,
                "contact",
                "create",
                "--name",
                "Li Na",
                "--webhook",
                "dingtalk=https://oapi.dingtalk.com/robot/send?access_token=abc,secret=SEC123,name=DBA",
                "--alternate",
                a.id,
                "--preferred-channel",
                "webhook"
            )
            let b = try #require(li.contact)
            #expect(b.webhooks.count == 1 && b.webhooks.first?.secretSet == true)
            #expect(b.alternateContactID == a.id)

            // The server's field violation comes out with the flag that set the field.
            let badPhone = try await server.herald("contact", "create", "--name", "X", "--phone", "12")
            #expect(badPhone.status == 13)
            #expect(badPhone.errorOutput.contains("error: INVALID_ARGUMENT"))
            #expect(badPhone.errorOutput.contains("contact.phone (--phone): "), "\(badPhone.errorOutput)")
            #expect(badPhone.output.isEmpty)

            let taken = try await server.herald("contact", "create", "--name", "Y", "--phone", "8613912345678")
            #expect(taken.status == 16)
            #expect(taken.errorOutput.contains("conflicts with: \(a.id)"), "\(taken.errorOutput)")

            // One page at a time, then all pages.
            let first = try await server.herald("contact", "list", "--page-size", "1")
            #expect(first.status == 0, "\(first.errorOutput)")
            #expect(first.output.contains(a.id) && !first.output.contains(b.id))
            #expect(first.output.contains("1 of 2 contacts"))
            let hint = try #require(first.output.split(separator: "\n").last { $0.hasPrefix("next page: ") })
            let command = hint.dropFirst("next page: ".count).split(separator: " ").map(String.init)
            #expect(Array(command.prefix(5)) == ["herald", "contact", "list", "--page-size", "1"])
            let second = try await CommandRunner.run(
                "herald",
                Array(command.dropFirst()),
                environment: server.environment
            )
            #expect(second.output.contains(b.id) && !second.output.contains(a.id))
            #expect(!second.output.contains("next page"))

            let all = try await server.json(ListContactsResponse.self, "contact", "list", "--all", "--page-size", "1")
            #expect(all.contacts.map(\.id) == [a.id, b.id])
            #expect(all.totalSize == 2)
            let withoutPhone = try await server.json(
                ListContactsResponse.self,
                "contact",
                "list",
                "--phone-state",
                "none"
            )
            #expect(withoutPhone.contacts.map(\.id) == [b.id])
            let unverified = try await server.json(
                ListContactsResponse.self,
                "contact",
                "list",
                "--phone-state",
                "unverified"
            )
            #expect(unverified.contacts.map(\.id) == [a.id])

            let byName = try await server.herald("contact", "search", "li n")
            #expect(byName.output.contains(b.id) && !byName.output.contains(a.id), "\(byName.output)")
            let byPhone = try await server.json(
                SearchContactsResponse.self,
                "contact",
                "search",
                "139 1234",
                "--field",
                "phone"
            )
            #expect(byPhone.contacts.map(\.id) == [a.id])

            // Update: only the fields given change; a stale version is refused.
            let updated = try await server.herald(
                "contact",
                "update",
                a.id,
                "--name",
                "Zhang Wei (DBA)",
                "--clear-email",
                "--expected-version",
                "1"
            )
            #expect(updated.status == 0, "\(updated.errorOutput)")
            let after = fields(updated.output)
            #expect(after["name"] == "Zhang Wei (DBA)")
            #expect(after["email"] == "-")
            #expect(after["phone"] == "+8613912345678 (unverified)")
            #expect(after["language"] == "chinese")
            #expect(after["version"] == "2")
            let stale = try await server.herald("contact", "update", a.id, "--name", "Again", "--expected-version", "1")
            #expect(stale.status == 20)
            #expect(stale.errorOutput.contains("error: ABORTED"))
            #expect(stale.errorOutput.contains("current version: 2"), "\(stale.errorOutput)")
            let nowhere = try await server.herald("contact", "update", b.id, "--clear-webhooks")
            #expect(nowhere.status == 13, "\(nowhere.errorOutput)")

            let disabled = try await server.herald("contact", "disable-method", a.id, "phone", "--reason", "lost phone")
            #expect(disabled.status == 0, "\(disabled.errorOutput)")
            #expect(fields(disabled.output)["phone"] == "+8613912345678 (disabled: lost phone)")
            let enabled = try await server.herald("contact", "enable-method", a.id, "phone")
            #expect(fields(enabled.output)["phone"] == "+8613912345678 (unverified)")
            let noEmail = try await server.herald("contact", "disable-method", a.id, "email", "--reason", "none")
            #expect(noEmail.status == 19, "\(noEmail.errorOutput)")

            // Deleting: per-id results, and the exit status of the first failure.
            let many = try await server.herald("contact", "delete-many", b.id, "ct_nope")
            #expect(many.status == 15, "\(many.output)\(many.errorOutput)")
            #expect(many.output.contains("NOT_FOUND"))
            #expect(many.output.contains("1 deleted, 1 failed"))
            let deleted = try await server.herald("contact", "delete", a.id)
            #expect(deleted.status == 0, "\(deleted.errorOutput)")
            #expect(deleted.output.hasPrefix("deleted \(a.id)"))
            let gone = try await server.herald("contact", "get", a.id)
            #expect(gone.status == 15)
            #expect(gone.errorOutput.contains("error: NOT_FOUND"))
            let empty = try await server.herald("contact", "list")
            #expect(empty.output == "no contacts\n0 of 0 contacts\n")
        }
    }

    @Test func groupsEndToEnd() async throws {
        try await withServer { server in
            let one = try #require(
                try await server.json(
                    CreateContactResponse.self,
                    "contact",
                    "create",
                    "--name",
                    "One",
                    "--email",
                    "one@example.com"
                )
                .contact?.id
            )
            let two = try #require(
                try await server.json(
                    CreateContactResponse.self,
                    "contact",
                    "create",
                    "--name",
                    "Two",
                    "--email",
                    "two@example.com"
                )
                .contact?.id
            )

            let created = try await server.json(
                CreateGroupResponse.self,
                "group",
                "create",
                "--name",
                "DBA",
                "--note",
                "Database on-call",
                "--member",
                one
            )
            let group = try #require(created.group)
            #expect(group.id.hasPrefix("grp_"))
            #expect(group.memberContactIDs == [one])

            let duplicate = try await server.herald("group", "create", "--name", "dba")
            #expect(duplicate.status == 16)
            #expect(duplicate.errorOutput.contains("conflicts with: \(group.id)"), "\(duplicate.errorOutput)")

            let added = try await server.herald("group", "add-members", group.id, two, one)
            #expect(added.status == 0, "\(added.errorOutput)")
            #expect(added.output.hasPrefix("added: \(two)\nalready members: \(one)\n"))
            let got = try await server.herald("group", "get", group.id).output
            #expect(fields(got)["members"] == "2")
            #expect(got.contains("members: 2\n         \(one)\n         \(two)\n"), "\(got)")

            let ofContact = try await server.herald("group", "of-contact", two)
            #expect(ofContact.output.contains(group.id) && ofContact.output.contains("1 of 1 groups"))
            #expect(fields(try await server.herald("contact", "get", two).output)["groups"] == group.id)

            #expect(try await server.herald("group", "list", "--name-filter", "db").output.contains(group.id))
            #expect(try await server.herald("group", "list", "--name-filter", "zzz").output.hasPrefix("no groups\n"))

            let renamed = try await server.herald("group", "update", group.id, "--name", "DBAs", "--note", "")
            #expect(renamed.status == 0, "\(renamed.errorOutput)")
            #expect(fields(renamed.output)["name"] == "DBAs")
            #expect(fields(renamed.output)["note"] == "-")
            #expect(fields(renamed.output)["members"] == "2")

            let removed = try await server.herald("group", "remove-members", group.id, one, "ct_nope")
            #expect(removed.output.hasPrefix("removed: \(one)\nnot members: ct_nope\n"), "\(removed.output)")

            let unknownGroup = try await server.herald(
                "contact",
                "create",
                "--name",
                "Three",
                "--email",
                "three@example.com",
                "--group",
                "grp_nope"
            )
            #expect(unknownGroup.status == 19)
            #expect(unknownGroup.errorOutput.contains("group_ids[0] (--group #1)"), "\(unknownGroup.errorOutput)")

            let deleted = try await server.herald("group", "delete", group.id)
            #expect(deleted.output.hasPrefix("deleted \(group.id)"))
            #expect(try await server.herald("group", "get", group.id).status == 15)
            #expect(fields(try await server.herald("contact", "get", two).output)["groups"] == "-")
        }
    }

    @Test func tenantSettingsEndToEnd() async throws {
        try await withServer { server in
            let defaults = try await server.herald("tenant", "get")
            #expect(defaults.status == 0, "\(defaults.errorOutput)")
            #expect(fields(defaults.output)["tenant"] == "acme")
            #expect(fields(defaults.output)["version"] == "0 (never saved; defaults)")

            let set = try await server.herald(
                "tenant",
                "set",
                "--site",
                "china",
                "--call-country-codes",
                "86,852",
                "--max-contacts",
                "50"
            )
            #expect(set.status == 0, "\(set.errorOutput)")
            let shown = fields(set.output)
            #expect(shown["site"] == "china")
            #expect(shown["call country codes"] == "86, 852")
            #expect(shown["max contacts"] == "50")
            #expect(shown["version"] == "1")

            let refused = try await server.herald("tenant", "set", "--default-phone-fallback", "tenant-default")
            #expect(refused.status == 13)
            #expect(
                refused.errorOutput.contains("settings.default_phone_fallback (--default-phone-fallback): "),
                "\(refused.errorOutput)"
            )
            let stale = try await server.herald("tenant", "set", "--max-rules", "7", "--expected-version", "9")
            #expect(stale.status == 20, "\(stale.errorOutput)")

            let saved = try await server.json(GetTenantSettingsResponse.self, "tenant", "get")
            let settings = try #require(saved.settings)
            #expect(settings.site == .china)
            #expect(settings.callCountryCodes == [86, 852])
            #expect(settings.quotas?.maxContacts == 50)
            #expect(settings.quotas?.maxRules == 200)
            #expect(settings.version == 1)
        }
    }

    @Test func withoutATenantTheServerSaysSo() async throws {
        try await withServer { server in
            var environment = server.environment
            environment["HERALD_TENANT"] = nil
            let result = try await CommandRunner.run("herald", ["contact", "list"], environment: environment)
            #expect(result.status == 13)
            #expect(result.errorOutput.contains("header.tenant (--tenant)"), "\(result.errorOutput)")
        }
    }
}
