import ArgumentParser
import HeraldProtos
import Testing

@testable import HeraldCLI

/// `herald group …` and `herald tenant …` command lines.
@Suite struct GroupAndTenantParsingTests {
    @Test func groupCommands() throws {
        let create = try parse(
            ["group", "create", "--name", "DBA", "--note", "On call", "--member", "ct_1", "--member", "ct_2"],
            as: GroupCreateCommand.self
        )
        #expect(
            create.request
                == CreateGroupRequest(
                    group: ContactGroup(name: "DBA", note: "On call", memberContactIDs: ["ct_1", "ct_2"])
                )
        )
        #expect(try parse(["group", "get", "grp_1"], as: GroupGetCommand.self).id == "grp_1")

        let list = try parse(["group", "list", "--name-filter", "db", "--all"], as: GroupListCommand.self)
        #expect(list.nameFilter == "db")
        #expect(list.pages.all)

        let delete = try parse(["group", "delete", "grp_1", "--expected-version", "4"], as: GroupDeleteCommand.self)
        #expect(delete.id == "grp_1" && delete.expectedVersion == 4)

        let add = try parse(["group", "add-members", "grp_1", "ct_1", "ct_2"], as: GroupAddMembersCommand.self)
        #expect(add.id == "grp_1" && add.contactIDs == ["ct_1", "ct_2"])
        #expect(parseFailure(["group", "add-members", "grp_1"]).status == 64)

        let remove = try parse(
            ["group", "remove-members", "grp_1", "ct_2", "--expected-version", "5"],
            as: GroupRemoveMembersCommand.self
        )
        #expect(remove.contactIDs == ["ct_2"] && remove.expectedVersion == 5)

        let of = try parse(["group", "of-contact", "ct_1", "--page-size", "10"], as: GroupOfContactCommand.self)
        #expect(of.contactID == "ct_1" && of.pages.pageSize == 10)
    }

    @Test(arguments: [
        (["--name", "DBA"], ["name"]),
        (["--note", ""], ["note"]),
        (["--note", "x", "--name", "y"], ["name", "note"]),
    ])
    func groupUpdateMask(flags: [String], mask: [String]) throws {
        let command = try parse(
            ["group", "update", "grp_1"] + flags + ["--expected-version", "2"],
            as: GroupUpdateCommand.self
        )
        #expect(command.request.updateMask == mask)
        #expect(command.request.group?.id == "grp_1")
        #expect(command.request.expectedVersion == 2)
    }

    @Test func groupUpdateWithNothingToChangeIsRefused() {
        let failure = parseFailure(["group", "update", "grp_1"])
        #expect(failure.message.contains("nothing to update"))
        #expect(failure.status == 64)
    }

    @Test func tenantGet() throws {
        #expect(try parse(["tenant", "get", "--json"], as: TenantGetCommand.self).output.json)
    }

    @Test(arguments: [
        (["--site", "china"], ["site"]),
        (["--default-phone-fallback", "redial-once"], ["default_phone_fallback"]),
        (["--last-resort-email", ""], ["last_resort_email"]),
        (["--call-country-codes", "86,1"], ["call_country_codes"]),
        (["--call-country-codes", "none"], ["call_country_codes"]),
        (["--max-contacts", "300"], ["quotas.max_contacts"]),
        (["--max-groups", "0"], ["quotas.max_groups"]),
        (["--max-group-members", "50"], ["quotas.max_group_members"]),
        (["--max-rules", "10"], ["quotas.max_rules"]),
        (["--daily-verification-sends", "20"], ["quotas.daily_verification_sends"]),
        (
            ["--max-rules", "10", "--site", "international", "--max-contacts", "5"],
            ["site", "quotas.max_contacts", "quotas.max_rules"]
        ),
    ])
    func tenantSetMask(flags: [String], mask: [String]) throws {
        let command = try parse(["tenant", "set"] + flags, as: TenantSetCommand.self)
        #expect(command.request.updateMask == mask)
    }

    @Test func tenantSetCarriesTheValues() throws {
        let command = try parse(
            [
                "tenant", "set", "--site", "china", "--default-phone-fallback", "none", "--last-resort-email",
                "noc@example.com", "--call-country-codes", "+86, 852", "--max-contacts", "300",
                "--daily-verification-sends", "0", "--expected-version", "3",
            ],
            as: TenantSetCommand.self
        )
        let expected = UpdateTenantSettingsRequest(
            settings: TenantSettings(
                site: .china,
                defaultPhoneFallback: PhoneFallback.none,
                lastResortEmail: "noc@example.com",
                callCountryCodes: [86, 852],
                quotas: TenantQuotas(maxContacts: 300, dailyVerificationSends: 0)
            ),
            updateMask: [
                "site", "default_phone_fallback", "last_resort_email", "call_country_codes", "quotas.max_contacts",
                "quotas.daily_verification_sends",
            ],
            expectedVersion: 3
        )
        #expect(command.request == expected)
        let noCalls = try parse(["tenant", "set", "--call-country-codes", ""], as: TenantSetCommand.self)
        #expect(noCalls.request.settings?.callCountryCodes == [])
        #expect(noCalls.request.settings?.quotas == nil)
    }

    @Test func tenantSetRefusesBadValues() {
        let site = parseFailure(["tenant", "set", "--site", "mars"])
        #expect(site.message.contains("--site"))
        #expect(site.message.contains("expected china or international"))
        let codes = parseFailure(["tenant", "set", "--call-country-codes", "86,cn"])
        #expect(codes.message.contains("--call-country-codes"))
        #expect(codes.message.contains("not 'cn'"))
        let quota = parseFailure(["tenant", "set", "--max-contacts", "-5"])
        #expect(quota.message.contains("--max-contacts"))
        let nothing = parseFailure(["tenant", "set"])
        #expect(nothing.message.contains("nothing to change"))
        for failure in [site, codes, quota, nothing] { #expect(failure.status == 64) }
    }
}
