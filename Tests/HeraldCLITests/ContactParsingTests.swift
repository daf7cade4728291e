import ArgumentParser
import HeraldProtos
import Testing

@testable import HeraldCLI

/// `herald contact …` command lines, parsed as the binary parses them.
@Suite struct ContactParsingTests {
    @Test func createTakesEveryFlag() throws {
        let command = try parse(
            [
                "contact", "create", "--name", "Zhang Wei", "--phone", "+86 139 1234 5678", "--email", "zw@example.com",
                "--webhook", "dingtalk=https://oapi.dingtalk.com/robot/send?access_token=abc,secret=SEC1,name=DBA",
                "--webhook", "generic=https://hooks.example.com/a,keyword=DAS Alarm",
                "--im", "dingtalk=zw1234", "--im", "lark=ou_9",
                "--language", "chinese", "--system-notifications", "--phone-fallback", "redial-once",
                "--alternate", "ct_2", "--principal", "role:3012:Ops team",
                "--preferred-channel", "sms", "--preferred-channel", "phone-call",
                "--group", "grp_1", "--group", "grp_2", "--idempotency-key", "create-zw",
                "--tenant", "acme", "--json",
            ],
            as: ContactCreateCommand.self
        )
        let expected = CreateContactRequest(
            contact: Contact(
                name: "Zhang Wei",
                phone: "+86 139 1234 5678",
                email: "zw@example.com",
                webhooks: [
                    Webhook(
                        kind: .dingtalk,
                        url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
                        displayName: "DBA",
                        auth: .signingSecret("SEC1")
                    ),
                    Webhook(kind: .generic, url: "https://hooks.example.com/a", auth: .keyword("DAS Alarm")),
                ],
                imAccounts: [
                    ImAccount(platform: .dingtalk, userID: "zw1234"), ImAccount(platform: .lark, userID: "ou_9"),
                ],
                alertLanguage: .chinese,
                receiveSystemNotifications: true,
                phoneFallback: .redialOnce,
                alternateContactID: "ct_2",
                principal: Principal(kind: .role, id: "3012", displayName: "Ops team"),
                preferredChannels: [.sms, .phoneCall]
            ),
            groupIDs: ["grp_1", "grp_2"]
        )
        #expect(command.request == expected)
        #expect(command.idempotencyKey == "create-zw")
        #expect(command.output.json)
        #expect(command.connection.resolvedTenant == "acme")
    }

    @Test func createWithOnlyANameLeavesTheRestUnset() throws {
        let command = try parse(
            ["contact", "create", "--name", "Li Na", "--email", "ln@example.com"],
            as: ContactCreateCommand.self
        )
        #expect(command.request == CreateContactRequest(contact: Contact(name: "Li Na", email: "ln@example.com")))
        #expect(command.idempotencyKey == nil)
        #expect(!command.output.json)
    }

    @Test func createNeedsAName() {
        let failure = parseFailure(["contact", "create", "--email", "zw@example.com"])
        #expect(failure.message.contains("--name"))
        #expect(failure.status == 64)
    }

    @Test func getListAndSearch() throws {
        #expect(try parse(["contact", "get", "ct_1"], as: ContactGetCommand.self).id == "ct_1")

        let list = try parse(
            [
                "contact", "list", "--page-size", "20", "--page-token", "tok", "--all", "--phone-state", "unverified",
                "--email-state", "none",
            ],
            as: ContactListCommand.self
        )
        #expect(list.pages.pageSize == 20)
        #expect(list.pages.pageToken == "tok")
        #expect(list.pages.all)
        #expect(list.phoneState == .unverified)
        #expect(list.emailState == .unspecified)

        let plain = try parse(["contact", "list"], as: ContactListCommand.self)
        #expect(plain.pages.requestedPageSize == 0)
        #expect(plain.phoneState == nil && plain.emailState == nil)
        #expect(try parse(["contact", "list", "--all"], as: ContactListCommand.self).pages.requestedPageSize == 500)

        let search = try parse(["contact", "search", "139 1234", "--field", "phone"], as: ContactSearchCommand.self)
        #expect(search.query == "139 1234")
        #expect(search.field == .phone)
        #expect(try parse(["contact", "search", "zhang"], as: ContactSearchCommand.self).field == nil)
    }

    @Test func deleteAndMethods() throws {
        let delete = try parse(["contact", "delete", "ct_1", "--expected-version", "3"], as: ContactDeleteCommand.self)
        #expect(delete.id == "ct_1")
        #expect(delete.expectedVersion == 3)

        let many = try parse(["contact", "delete-many", "ct_1", "ct_2", "ct_3"], as: ContactDeleteManyCommand.self)
        #expect(many.ids == ["ct_1", "ct_2", "ct_3"])
        #expect(parseFailure(["contact", "delete-many"]).status == 64)

        let disable = try parse(
            ["contact", "disable-method", "ct_1", "phone", "--reason", "number given up"],
            as: ContactDisableMethodCommand.self
        )
        #expect(disable.method == .phone)
        #expect(disable.reason == "number given up")
        #expect(parseFailure(["contact", "disable-method", "ct_1", "email"]).message.contains("--reason"))

        let enable = try parse(["contact", "enable-method", "ct_1", "EMAIL"], as: ContactEnableMethodCommand.self)
        #expect(enable.method == .email)
        let fax = parseFailure(["contact", "enable-method", "ct_1", "fax"])
        #expect(fax.message.contains("'fax'"))
        #expect(fax.message.contains("expected phone or email"))
        #expect(fax.status == 64)
    }

    // MARK: Update masks

    @Test(arguments: [
        (["--name", "Zhang Wei"], ["name"]),
        (["--phone", "+8613912345678"], ["phone"]),
        (["--clear-phone"], ["phone"]),
        (["--email", "a@example.com"], ["email"]),
        (["--clear-email"], ["email"]),
        (["--webhook", "lark=https://open.feishu.cn/hook/x"], ["webhooks"]),
        (["--clear-webhooks"], ["webhooks"]),
        (["--im", "wecom=zw"], ["im_accounts"]),
        (["--clear-im"], ["im_accounts"]),
        (["--language", "english"], ["alert_language"]),
        (["--system-notifications"], ["receive_system_notifications"]),
        (["--no-system-notifications"], ["receive_system_notifications"]),
        (["--phone-fallback", "sms"], ["phone_fallback"]),
        (["--alternate", "ct_2"], ["alternate_contact_id"]),
        (["--clear-alternate"], ["alternate_contact_id"]),
        (["--principal", "user:2012"], ["principal"]),
        (["--clear-principal"], ["principal"]),
        (["--preferred-channel", "email"], ["preferred_channels"]),
        (["--clear-preferred-channels"], ["preferred_channels"]),
        (
            ["--preferred-channel", "lark", "--clear-email", "--name", "N", "--im", "lark=u", "--language", "auto"],
            ["name", "email", "im_accounts", "alert_language", "preferred_channels"]
        ),
    ])
    func updateMaskNamesExactlyTheFlagsGiven(flags: [String], mask: [String]) throws {
        let command = try parse(["contact", "update", "ct_1"] + flags, as: ContactUpdateCommand.self)
        #expect(command.request.updateMask == mask)
        #expect(command.request.contact?.id == "ct_1")
        #expect(command.request.expectedVersion == 0)
    }

    @Test func updateCarriesTheValuesAndTheVersion() throws {
        let command = try parse(
            [
                "contact", "update", "ct_1", "--clear-phone", "--email", "new@example.com", "--no-system-notifications",
                "--webhook", "dingtalk=https://oapi.dingtalk.com/robot/send?access_token=abc,id=wh_1,secret=",
                "--clear-principal", "--expected-version", "7",
            ],
            as: ContactUpdateCommand.self
        )
        let expected = UpdateContactRequest(
            contact: Contact(
                id: "ct_1",
                email: "new@example.com",
                webhooks: [
                    Webhook(
                        id: "wh_1",
                        kind: .dingtalk,
                        url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
                        auth: .signingSecret("")
                    )
                ],
                receiveSystemNotifications: false
            ),
            updateMask: ["phone", "email", "webhooks", "receive_system_notifications", "principal"],
            expectedVersion: 7
        )
        #expect(command.request == expected)
    }

    @Test func updateWithNothingToChangeIsRefused() {
        let failure = parseFailure(["contact", "update", "ct_1", "--expected-version", "2"])
        #expect(failure.message.contains("nothing to update"))
        #expect(failure.status == 64)
    }

    @Test(arguments: [
        ("--phone", "+8613912345678", "--clear-phone"), ("--email", "a@example.com", "--clear-email"),
        ("--webhook", "arms=https://arms.example.com/x", "--clear-webhooks"), ("--im", "lark=ou_1", "--clear-im"),
        ("--alternate", "ct_2", "--clear-alternate"), ("--principal", "user:1", "--clear-principal"),
        ("--preferred-channel", "sms", "--clear-preferred-channels"),
    ])
    func updateRefusesAValueAndItsClearFlagTogether(flag: String, value: String, clear: String) {
        let failure = parseFailure(["contact", "update", "ct_1", flag, value, clear])
        #expect(failure.message.contains("\(flag) and \(clear) cannot be used together"))
        #expect(failure.status == 64)
    }

    // MARK: Bad values

    @Test(arguments: [
        (["contact", "create", "--name", "N", "--language", "klingon"], "--language", "auto, chinese or english"),
        (
            ["contact", "create", "--name", "N", "--phone-fallback", "pigeon"], "--phone-fallback",
            "none, redial-once, sms or tenant-default"
        ),
        (
            ["contact", "create", "--name", "N", "--preferred-channel", "fax"], "--preferred-channel",
            "phone-call, sms, email, webhook, dingtalk, wecom or lark"
        ),
        (
            ["contact", "list", "--phone-state", "lost"], "--phone-state",
            "none, unverified, pending, verified or disabled"
        ),
        (["contact", "list", "--email-state", "maybe"], "--email-state", "none, unverified"),
        (["contact", "search", "x", "--field", "address"], "--field", "any, name, phone or email"),
        (["contact", "update", "ct_1", "--language", "french"], "--language", "auto, chinese or english"),
        (["contact", "list", "--page-size", "many"], "--page-size", "many"),
        (["contact", "delete", "ct_1", "--expected-version", "v2"], "--expected-version", "v2"),
    ])
    func badValuesNameTheFlag(arguments: [String], flag: String, detail: String) {
        let failure = parseFailure(arguments)
        #expect(failure.message.contains(flag), "\(failure.message)")
        #expect(failure.message.contains(detail), "\(failure.message)")
        #expect(failure.status == 64)
    }

    @Test func badWebhookImAndPrincipalNameTheFlag() {
        let webhook = parseFailure(["contact", "create", "--name", "N", "--webhook", "https://example.com/hook"])
        #expect(webhook.message.contains("--webhook"))
        #expect(webhook.message.contains("KIND=URL"))
        let kind = parseFailure(["contact", "create", "--name", "N", "--webhook", "slack=https://hooks.slack.com/x"])
        #expect(kind.message.contains("unknown webhook kind 'slack': expected dingtalk, wecom, lark, arms or generic"))
        let im = parseFailure(["contact", "create", "--name", "N", "--im", "zw1234"])
        #expect(im.message.contains("--im"))
        #expect(im.message.contains("expected PLATFORM=USER_ID"))
        let principal = parseFailure(["contact", "update", "ct_1", "--principal", "group:7"])
        #expect(principal.message.contains("--principal"))
        #expect(principal.message.contains("unknown principal kind 'group'"))
        for failure in [webhook, kind, im, principal] { #expect(failure.status == 64) }
    }
}
