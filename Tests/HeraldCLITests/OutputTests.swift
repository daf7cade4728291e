import HeraldProtos
import HeraldWire
import Testing

@testable import HeraldCLI

/// What contacts, groups, settings and errors look like in the terminal.
@Suite struct OutputTests {
    @Test func contactDetails() {
        let expected = """
            id:                   ct_1
            name:                 Zhang Wei
            phone:                +8613912345678 (verified 2025-03-04T05:06:07Z)
            email:                zw@example.com (disabled: left the company)
            webhooks:             wh_1 dingtalk https://oapi.dingtalk.com/robot/send?access_token=abc (secret set, name "DBA on-call")
                                  wh_2 generic https://hooks.example.com/alert (keyword "DAS Alarm")
            im accounts:          dingtalk=zw1234, lark=ou_9
            language:             chinese
            system notifications: yes
            phone fallback:       redial-once
            alternate:            ct_2
            principal:            role 3012 (Ops team)
            preferred channels:   sms, phone-call
            groups:               grp_1, grp_2
            version:              3
            created:              2025-03-04T05:06:07Z
            updated:              2025-03-05T00:00:00Z
            """
        #expect(ContactOutput.details(Fixtures.contact, groupIDs: ["grp_1", "grp_2"]) == expected)
    }

    @Test func plainContactDetailsWithoutGroups() {
        let expected = """
            id:                   ct_22
            name:                 李娜
            phone:                +12025550123 (unverified)
            email:                -
            webhooks:             -
            im accounts:          -
            language:             auto
            system notifications: no
            phone fallback:       tenant-default
            alternate:            -
            principal:            -
            preferred channels:   - (every channel except phone-call)
            version:              1
            created:              2025-03-04T05:06:07Z
            updated:              2025-03-04T05:06:07Z
            """
        #expect(ContactOutput.details(Fixtures.plainContact) == expected)
        #expect(ContactOutput.details(Fixtures.plainContact, groupIDs: []).contains("\ngroups:               -\n"))
    }

    @Test func contactTableAlignsWideCharacters() {
        let expected = """
            ID     NAME       PHONE                                           EMAIL                                        WEBHOOKS  IM             VERSION
            ct_1   Zhang Wei  +8613912345678 (verified 2025-03-04T05:06:07Z)  zw@example.com (disabled: left the company)  2         dingtalk,lark  3
            ct_22  李娜       +12025550123 (unverified)                       -                                            0         -              1
            """
        #expect(ContactOutput.table([Fixtures.contact, Fixtures.plainContact]) == expected)
        #expect(ContactOutput.table([]) == "no contacts")
    }

    @Test func methodStates() {
        #expect(ContactOutput.method("", ContactMethodStatus(state: .verified)) == "-")
        #expect(ContactOutput.method("a@example.com", nil) == "a@example.com")
        #expect(
            ContactOutput.method("a@example.com", ContactMethodStatus(state: .pending)) == "a@example.com (pending)"
        )
        #expect(
            ContactOutput.method("a@example.com", ContactMethodStatus(state: .verified)) == "a@example.com (verified)"
        )
        #expect(
            ContactOutput.method("a@example.com", ContactMethodStatus(state: .disabled)) == "a@example.com (disabled)"
        )
    }

    @Test func deletions() {
        #expect(ContactOutput.deletion(id: "ct_1", DeleteContactResponse()) == "deleted ct_1")
        let response = DeleteContactResponse(
            removedFromGroupIDs: ["grp_1", "grp_2"],
            removedFromRuleIDs: ["rul_1"],
            clearedAlternateContactIDs: ["ct_3"]
        )
        #expect(
            ContactOutput.deletion(id: "ct_1", response) == """
                deleted ct_1
                removed from groups: grp_1, grp_2
                removed from rules: rul_1
                no longer the alternate of: ct_3
                """
        )
        let batch = BatchDeleteContactsResponse(results: [
            ItemResult(id: "ct_1", status: Status(code: .ok)),
            ItemResult(id: "ct_404", status: Status(code: .notFound, message: "no contact ct_404")),
        ])
        #expect(
            ContactOutput.batchDeletion(batch) == """
                ID      RESULT     MESSAGE
                ct_1    deleted
                ct_404  NOT_FOUND  no contact ct_404
                1 deleted, 1 failed
                """
        )
    }

    @Test func groupDetailsAndTable() {
        #expect(
            GroupOutput.details(Fixtures.group) == """
                id:      grp_1
                name:    DBA
                note:    Database on-call
                members: 2
                         ct_1
                         ct_22
                version: 4
                created: 2025-03-04T05:06:07Z
                updated: 2025-03-05T00:00:00Z
                """
        )
        let empty = ContactGroup(id: "grp_2", name: "值班", createTimeUnixMs: Fixtures.march4, version: 1)
        #expect(
            GroupOutput.table([Fixtures.group, empty]) == """
                ID     NAME  MEMBERS  VERSION  UPDATED
                grp_1  DBA   2        4        2025-03-05T00:00:00Z
                grp_2  值班  0        1        -
                """
        )
        #expect(GroupOutput.table([]) == "no groups")
        #expect(
            GroupOutput.membershipChange(
                empty,
                requested: ["ct_1", "ct_2", "ct_2"],
                changed: ["ct_1"],
                verb: "added",
                unchangedLabel: "already members"
            ).hasPrefix("added: ct_1\nalready members: ct_2\n\nid:      grp_2\n")
        )
    }

    @Test func tenantSettings() {
        #expect(
            TenantOutput.details(Fixtures.settings) == """
                tenant:                   acme
                site:                     china
                default phone fallback:   sms
                last-resort email:        noc@example.com
                call country codes:       86, 852
                max contacts:             100
                max groups:               100
                max group members:        500
                max rules:                200
                daily verification sends: 500
                version:                  2
                updated:                  2025-03-05T00:00:00Z
                """
        )
        let defaults = TenantOutput.details(TenantSettings(tenant: "new"))
        #expect(defaults.contains("site:                     international\n"))
        #expect(defaults.contains("call country codes:       - (no phone calls)\n"))
        #expect(defaults.hasSuffix("version:                  0 (never saved; defaults)\nupdated:                  -"))
    }

    @Test func listFooters() {
        #expect(listFooter(shown: 2, total: 2, noun: "contacts", nextPageToken: "", command: []) == "2 of 2 contacts")
        #expect(
            listFooter(
                shown: 50,
                total: 120,
                noun: "contacts",
                nextPageToken: "YWJj.ZA",
                command: ["herald", "contact", "search", "Zhang Wei", "--field", "name"]
            ) == """
                50 of 120 contacts
                next page: herald contact search 'Zhang Wei' --field name --page-token YWJj.ZA
                """
        )
        #expect(shellQuoted("it's") == #"'it'\''s'"#)
        #expect(shellQuoted("") == "''")
        #expect(shellQuoted("a-b_c.d/e:f") == "a-b_c.d/e:f")
    }

    @Test(arguments: [
        (Int64(0), "-"),
        (Int64(1), "1970-01-01T00:00:00Z"),
        (Int64(-1), "1969-12-31T23:59:59Z"),
        (Fixtures.march4, "2025-03-04T05:06:07Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00Z"),
        (Int64(4_107_542_399_999), "2100-02-28T23:59:59Z"),
    ])
    func timestamps(milliseconds: Int64, text: String) {
        #expect(iso8601(unixMilliseconds: milliseconds) == text)
    }

    @Test func errorsNameTheFlagOfEachViolation() {
        let error = RPCError(
            code: .invalidArgument,
            message: "the contact is invalid",
            fieldViolations: [
                FieldViolation(field: "contact.phone", description: "needs 8–15 digits"),
                FieldViolation(field: "contact.webhooks[1].url", description: "must be https"),
                FieldViolation(field: "group_ids[0]", description: "unknown group"),
                FieldViolation(field: "contact", description: "needs a way to reach it"),
            ],
            requestID: "req-1"
        )
        let flags = ContactCreateCommand.fieldFlags
        #expect(
            errorText(error, flags: flags) == """
                error: INVALID_ARGUMENT: the contact is invalid
                  contact.phone (--phone): needs 8–15 digits
                  contact.webhooks[1].url (--webhook #2): must be https
                  group_ids[0] (--group #1): unknown group
                  contact: needs a way to reach it
                  request id: req-1
                """
        )
        let quota = RPCError(
            code: .resourceExhausted,
            message: "contact quota reached",
            metadata: ["quota": "max_contacts", "limit": "100", "herald-transport": "not-processed"]
        )
        #expect(
            errorText(quota) == """
                error: RESOURCE_EXHAUSTED: contact quota reached
                  limit: 100
                  quota: max_contacts
                """
        )
        let stale = RPCError(code: .aborted, message: "stale version", currentVersion: 4)
        #expect(errorText(stale, flags: flags) == "error: ABORTED: stale version\n  current version: 4")
        #expect(FieldFlags().flag(for: "header.tenant") == "--tenant")
        #expect(TenantSetCommand.fieldFlags.flag(for: "settings.quotas.max_rules") == "--max-rules")
        #expect(TenantSetCommand.fieldFlags.flag(for: "settings.call_country_codes[2]") == "--call-country-codes #3")
    }
}
