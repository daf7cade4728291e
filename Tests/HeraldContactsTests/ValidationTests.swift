import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct PhoneNumberTests {
    @Test(
        "accepted numbers and their E.164 form",
        arguments: [
            ("+86 139 1234 5678", "+8613912345678"), ("86-13912345678", "+8613912345678"),
            ("8613912345678", "+8613912345678"), ("0086 139 1234 5678", "+8613912345678"),
            ("+1 (415) 555-2671", "+14155552671"), ("+44 7911 123456", "+447911123456"),
            ("+81 90-1234-5678", "+819012345678"), ("+49 151 23456789", "+4915123456789"),
            ("+852 9123 4567", "+85291234567"), ("+65 8123 4567", "+6581234567"), ("+91 98765 43210", "+919876543210"),
        ]
    )
    func accepted(_ input: String, _ e164: String) throws {
        #expect(try PhoneNumber.parse(input).get().description == e164)
    }

    @Test(
        "refused numbers",
        arguments: [
            "", "13912345678x", "+86 139 1234", "139 1234 5678 9999 0000", "0139 1234 5678", "+86 239 1234 5678",
            "+86 10 1234 5678", "+1 055 555 2671", "+999 1234 5678", "+44 12", "+1234567890123456",
            "tel:+8613912345678",
        ]
    )
    func refused(_ input: String) {
        #expect(throws: PhoneNumber.PhoneProblem.self) { try PhoneNumber.parse(input).get() }
    }
}

@Suite struct EmailAddressTests {
    @Test(
        "accepted addresses",
        arguments: [
            ("zw@example.com", "zw@example.com"), (" Ops.Team+alerts@Example.COM ", "Ops.Team+alerts@example.com"),
            ("张伟@例子.中国", "张伟@例子.中国"), ("a@b.co", "a@b.co"),
        ]
    )
    func accepted(_ input: String, _ normalized: String) throws {
        #expect(try EmailAddress.normalize(input).get() == normalized)
    }

    @Test(
        "refused addresses",
        arguments: [
            "", "zw", "zw@", "@example.com", "zw@example", "zw@@example.com", "z w@example.com", "zw@example.c",
            "zw@-example.com", "zw@example..com", String(repeating: "a", count: 65) + "@example.com",
            "zw@exa\u{7}mple.com",
        ]
    )
    func refused(_ input: String) {
        #expect(throws: EmailAddress.EmailProblem.self) { try EmailAddress.normalize(input).get() }
    }
}

/// The field paths of the INVALID_ARGUMENT `body` throws; empty when it succeeds.
private func violationPaths(_ body: () async throws -> Void) async throws -> [String] {
    do {
        try await body()
        return []
    } catch let error as RPCError {
        #expect(error.code == .invalidArgument, "\(error)")
        return error.fieldViolations.map(\.field)
    }
}

/// Creates `contact` and returns the field violation paths of the INVALID_ARGUMENT.
private func violations(_ contact: Contact) async throws -> [String] {
    try await ContactsFixture.with { fixture in
        try await violationPaths {
            _ = try await fixture.contacts.createContact(CreateContactRequest(contact: contact), context: context())
        }
    }
}

/// The violation paths of `contact` both created and set (the fields `mask` names) on a valid
/// contact by an update; the rules are the same on both paths, so the two must agree.
private func violations(_ contact: Contact, updating mask: [String]) async throws -> [String] {
    try await ContactsFixture.with { fixture in
        let created = try await violationPaths {
            _ = try await fixture.contacts.createContact(CreateContactRequest(contact: contact), context: context())
        }
        let base = try await fixture.contacts.create("Base", email: "base@example.com")
        var update = contact
        update.id = base.id
        let updated = try await violationPaths {
            _ = try await fixture.contacts.updateContact(
                UpdateContactRequest(contact: update, updateMask: mask),
                context: context()
            )
        }
        #expect(created == updated, "create and update disagree")
        return created
    }
}

/// The contact as stored after creating `contact`.
private func stored(_ contact: Contact) async throws -> Contact {
    try await ContactsFixture.with { fixture in
        let id = try #require(
            try await fixture.contacts.createContact(CreateContactRequest(contact: contact), context: context())
                .contact?.id
        )
        return try #require(try fixture.contacts.contact(id, tenant: "acme"))
    }
}

@Suite struct ContactValidationTests {

    @Test(
        "names",
        arguments: [
            ("张伟", true), ("  Zhāng Wěi  ", true), ("DBA on-call 🚨", true), (String(repeating: "n", count: 100), true),
            ("", false), ("   ", false), (String(repeating: "n", count: 101), false), ("tab\there", false),
            ("line\nbreak", false), ("bell\u{7}", false), ("del\u{7F}", false),
        ]
    )
    func names(_ name: String, _ valid: Bool) async throws {
        let paths = try await violations(Contact(name: name, email: "a@example.com"))
        #expect(paths.contains("contact.name") == !valid)
    }

    @Test(
        "webhook URLs",
        arguments: [
            ("https://oapi.dingtalk.com/robot/send?access_token=abc", true), ("https://hooks.example.com:8443/x", true),
            ("https://[2001:db8::1]/hook", true), ("HTTPS://Example.com/a", true), ("http://example.com/x", false),
            ("ftp://example.com", false), ("https://", false), ("https:///path", false), ("example.com/x", false),
            ("https://exa mple.com", false), ("", false),
        ]
    )
    func webhookURLs(_ url: String, _ valid: Bool) async throws {
        let contact = Contact(name: "Bot", webhooks: [Webhook(kind: .dingtalk, url: url, auth: .keyword("DAS Alarm"))])
        let paths = try await violations(contact)
        #expect(paths.contains("contact.webhooks[0].url") == !valid)
    }

    @Test func everyProblemIsReportedAtOnce() async throws {
        let contact = Contact(
            name: "",
            phone: "12",
            email: "nope",
            webhooks: [
                Webhook(url: "http://x"), Webhook(kind: .lark, url: "https://a.example", auth: .signingSecret("")),
            ],
            imAccounts: [ImAccount(platform: .lark, userID: "a b"), ImAccount(platform: .lark, userID: "c")],
            principal: Principal(id: ""),
            preferredChannels: [.sms, .sms, .unspecified]
        )
        let paths = Set(try await violations(contact))
        #expect(
            paths == [
                "contact.name", "contact.phone", "contact.email", "contact.webhooks[0].kind", "contact.webhooks[0].url",
                "contact.webhooks[1].signing_secret", "contact.im_accounts[0].user_id",
                "contact.im_accounts[1].platform",
                "contact.principal.kind", "contact.principal.id", "contact.preferred_channels[1]",
                "contact.preferred_channels[2]",
            ]
        )
    }

    @Test func atLeastOneWayToReachTheContact() async throws {
        #expect(try await violations(Contact(name: "Nobody")) == ["contact"])
        #expect(
            try await violations(Contact(name: "Bot", imAccounts: [ImAccount(platform: .wecom, userID: "u1")])).isEmpty
        )
    }

    @Test func atMostTenWebhooks() async throws {
        let webhooks = (0..<11).map { Webhook(kind: .generic, url: "https://example.com/\($0)") }
        #expect(try await violations(Contact(name: "Bot", webhooks: webhooks)).contains("contact.webhooks"))
        let duplicate = [
            Webhook(kind: .generic, url: "https://example.com/a"), Webhook(kind: .lark, url: "https://example.com/a"),
        ]
        #expect(try await violations(Contact(name: "Bot", webhooks: duplicate)) == ["contact.webhooks[1].url"])
    }
}

/// Webhooks: kind, signing secret, keyword, display name; one webhook per row, created and
/// set by an update, each bad row naming its field.
@Suite struct WebhookValidationTests {
    static let url = "https://oapi.dingtalk.com/robot/send?access_token=abc"

    @Test(
        arguments: [
            (Webhook(kind: .dingtalk, url: url, auth: .signingSecret("SEC0123456789")), nil),
            (Webhook(kind: .dingtalk, url: url, auth: .keyword("DAS Alarm")), nil),
            (Webhook(kind: .wecom, url: url), nil),
            (Webhook(kind: .lark, url: url, auth: .signingSecret(String(repeating: "s", count: 256))), nil),
            (Webhook(kind: .arms, url: url, auth: .keyword(String(repeating: "k", count: 64))), nil),
            (
                Webhook(
                    kind: .generic,
                    url: url,
                    displayName: String(repeating: "d", count: 100),
                    auth: .keyword(" k ")
                ), nil
            ),
            (Webhook(kind: .unspecified, url: url), "kind"),
            (Webhook(kind: .unrecognized(6), url: url), "kind"),
            (Webhook(kind: .generic, url: url, auth: .signingSecret("")), "signing_secret"),
            (
                Webhook(kind: .generic, url: url, auth: .signingSecret(String(repeating: "s", count: 257))),
                "signing_secret"
            ),
            (Webhook(kind: .generic, url: url, auth: .signingSecret("line\nbreak")), "signing_secret"),
            (Webhook(kind: .generic, url: url, auth: .signingSecret("delete\u{7F}")), "signing_secret"),
            (Webhook(kind: .dingtalk, url: url, auth: .keyword("")), "keyword"),
            (Webhook(kind: .dingtalk, url: url, auth: .keyword("   ")), "keyword"),
            (Webhook(kind: .dingtalk, url: url, auth: .keyword(String(repeating: "k", count: 65))), "keyword"),
            (Webhook(kind: .dingtalk, url: url, auth: .keyword("tab\there")), "keyword"),
            (Webhook(kind: .generic, url: url, displayName: String(repeating: "d", count: 101)), "display_name"),
            (Webhook(kind: .generic, url: url, displayName: "bell\u{7}"), "display_name"),
        ] as [(Webhook, String?)]
    )
    func webhooks(_ webhook: Webhook, _ field: String?) async throws {
        let paths = try await violations(Contact(name: "Bot", webhooks: [webhook]), updating: ["webhooks"])
        #expect(paths == (field.map { ["contact.webhooks[0].\($0)"] } ?? []))
    }

    @Test func idsSentOnCreateAreIgnored() async throws {
        let copied = Webhook(id: "wh_copied", kind: .generic, url: Self.url, secretSet: true, auth: .keyword("k"))
        let contact = try await stored(Contact(name: "Copy", webhooks: [copied]))
        let webhook = try #require(contact.webhooks.first)
        #expect(webhook.id.hasPrefix("wh_") && webhook.id != "wh_copied", "a new id: \(webhook.id)")
        #expect(!webhook.secretSet)
    }

    @Test func anIdTheContactDoesNotHaveIsRefusedOnUpdate() async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create("Bot", email: "bot@example.com")
            await expectRPCError(.invalidArgument, field: "contact.webhooks[0].id") {
                _ = try await fixture.contacts.update(contact.id, ["webhooks"]) {
                    $0.webhooks = [Webhook(id: "wh_unknown", kind: .generic, url: Self.url)]
                }
            }
        }
    }

    /// An update naming an existing webhook: what its `auth` becomes for each `auth` sent.
    @Test(
        arguments: [
            (.signingSecret("SEC-old"), .signingSecret(""), .signingSecret("SEC-old")),
            (.signingSecret("SEC-old"), .signingSecret("SEC-new"), .signingSecret("SEC-new")),
            (.signingSecret("SEC-old"), .keyword("Alarm"), .keyword("Alarm")),
            (.signingSecret("SEC-old"), nil, nil),
            (.keyword("Alarm"), .signingSecret("SEC-new"), .signingSecret("SEC-new")),
            (.keyword("Alarm"), nil, nil),
        ] as [(Webhook.Auth?, Webhook.Auth?, Webhook.Auth?)]
    )
    func authOfAnExistingWebhook(_ before: Webhook.Auth?, _ sent: Webhook.Auth?, _ after: Webhook.Auth?) async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create("Bot") {
                $0.webhooks = [Webhook(kind: .dingtalk, url: Self.url, auth: before)]
            }
            var webhook = try #require(contact.webhooks.first)
            webhook.auth = sent
            let updated = try await fixture.contacts.update(contact.id, ["webhooks"]) { $0.webhooks = [webhook] }
            #expect(try fixture.contacts.contact(contact.id, tenant: "acme")?.webhooks.first?.auth == after)
            let shown = try #require(updated.webhooks.first)
            if case .signingSecret = after {
                #expect(shown.auth == .signingSecret("") && shown.secretSet, "secrets are write-only")
            } else {
                #expect(shown.auth == after && !shown.secretSet)
            }
        }
    }

    @Test func anEmptySecretKeepsOnlyAStoredSecret() async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create("Bot") {
                $0.webhooks = [Webhook(kind: .dingtalk, url: Self.url, auth: .keyword("Alarm"))]
            }
            var webhook = try #require(contact.webhooks.first)
            webhook.auth = .signingSecret("")
            await expectRPCError(.invalidArgument, field: "contact.webhooks[0].signing_secret") {
                _ = try await fixture.contacts.update(contact.id, ["webhooks"]) { $0.webhooks = [webhook] }
            }
        }
    }
}

/// IM accounts: platform and user id, one per row, created and set by an update.
@Suite struct ImAccountValidationTests {
    @Test(
        arguments: [
            (ImAccount(platform: .dingtalk, userID: "manager4021"), nil),
            (ImAccount(platform: .lark, userID: "ou_7d8a6e6df7621556ce0d21922b676706"), nil),
            (ImAccount(platform: .wecom, userID: "ZhangWei"), nil),
            (ImAccount(platform: .dingtalk, userID: " padded "), nil),
            (ImAccount(platform: .lark, userID: "张伟"), nil),
            (ImAccount(platform: .wecom, userID: String(repeating: "u", count: 128)), nil),
            (ImAccount(platform: .unspecified, userID: "u1"), "platform"),
            (ImAccount(platform: .unrecognized(4), userID: "u1"), "platform"),
            (ImAccount(platform: .dingtalk, userID: ""), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "   "), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "zhang wei"), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "zhang\twei"), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "zhang\u{1}wei"), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "zhang\u{7F}wei"), "user_id"),
            (ImAccount(platform: .dingtalk, userID: "zhang\u{85}wei"), "user_id"),
            (ImAccount(platform: .dingtalk, userID: String(repeating: "u", count: 129)), "user_id"),
        ] as [(ImAccount, String?)]
    )
    func imAccounts(_ account: ImAccount, _ field: String?) async throws {
        let paths = try await violations(Contact(name: "Chat", imAccounts: [account]), updating: ["im_accounts"])
        #expect(paths == (field.map { ["contact.im_accounts[0].\($0)"] } ?? []))
    }

    @Test func userIdsAreStoredTrimmed() async throws {
        let contact = try await stored(Contact(name: "Chat", imAccounts: [ImAccount(platform: .lark, userID: " u1 ")]))
        #expect(contact.imAccounts == [ImAccount(platform: .lark, userID: "u1")])
    }

    @Test func onePerPlatform() async throws {
        let twice = [ImAccount(platform: .lark, userID: "a"), ImAccount(platform: .lark, userID: "b")]
        #expect(
            try await violations(Contact(name: "Chat", imAccounts: twice), updating: ["im_accounts"]) == [
                "contact.im_accounts[1].platform"
            ]
        )
        let each = [
            ImAccount(platform: .lark, userID: "a"), ImAccount(platform: .dingtalk, userID: "a"),
            ImAccount(platform: .wecom, userID: "a"),
        ]
        #expect(try await violations(Contact(name: "Chat", imAccounts: each), updating: ["im_accounts"]).isEmpty)
    }
}

/// Enum fields of a contact: known values (UNSPECIFIED meaning the default) are stored, values
/// this server does not know are refused.
@Suite struct ContactEnumValidationTests {
    @Test(
        arguments: [
            (.unspecified, .auto), (.auto, .auto), (.chinese, .chinese), (.english, .english), (.unrecognized(4), nil),
            (.unrecognized(-1), nil),
        ] as [(AlertLanguage, AlertLanguage?)]
    )
    func alertLanguage(_ given: AlertLanguage, _ kept: AlertLanguage?) async throws {
        let contact = Contact(name: "Lang", email: "lang@example.com", alertLanguage: given)
        let paths = try await violations(contact, updating: ["alert_language"])
        #expect(paths == (kept == nil ? ["contact.alert_language"] : []))
        if let kept { #expect(try await stored(contact).alertLanguage == kept) }
    }

    @Test(
        arguments: [
            (.unspecified, .tenantDefault), (.none, PhoneFallback.none), (.redialOnce, .redialOnce), (.sms, .sms),
            (.tenantDefault, .tenantDefault), (.unrecognized(5), nil), (.unrecognized(99), nil),
        ] as [(PhoneFallback, PhoneFallback?)]
    )
    func phoneFallback(_ given: PhoneFallback, _ kept: PhoneFallback?) async throws {
        let contact = Contact(name: "Fallback", phone: "+8613912345678", phoneFallback: given)
        let paths = try await violations(contact, updating: ["phone_fallback"])
        #expect(paths == (kept == nil ? ["contact.phone_fallback"] : []))
        if let kept { #expect(try await stored(contact).phoneFallback == kept) }
    }
}
