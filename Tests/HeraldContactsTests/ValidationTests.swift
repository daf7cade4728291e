import HeraldContacts
import HeraldProtos
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

@Suite struct ContactValidationTests {
    /// Creates `contact` and returns the field violation paths of the INVALID_ARGUMENT.
    private func violations(_ contact: Contact) async throws -> [String] {
        let fixture = try await ContactsFixture.make()
        defer { Task { try await fixture.close() } }
        do {
            _ = try await fixture.contacts.createContact(CreateContactRequest(contact: contact), context: context())
            return []
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            return error.fieldViolations.map(\.field)
        }
    }

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
