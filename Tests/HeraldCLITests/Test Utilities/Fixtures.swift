import HeraldProtos

/// Messages with every field set, as a server would return them.
enum Fixtures {
    /// 2025-03-04T05:06:07Z.
    static let march4 = Int64(1_741_064_767_000)
    /// 2025-03-05T00:00:00Z.
    static let march5 = Int64(1_741_132_800_000)

    static let contact = Contact(
        id: "ct_1",
        name: "Zhang Wei",
        phone: "+8613912345678",
        phoneStatus: ContactMethodStatus(state: .verified, verifiedTimeUnixMs: march4, stateChangeTimeUnixMs: march4),
        email: "zw@example.com",
        emailStatus: ContactMethodStatus(state: .disabled, disabledReason: "left the company"),
        webhooks: [
            Webhook(
                id: "wh_1",
                kind: .dingtalk,
                url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
                secretSet: true,
                displayName: "DBA on-call"
            ),
            Webhook(id: "wh_2", kind: .generic, url: "https://hooks.example.com/alert", auth: .keyword("DAS Alarm")),
        ],
        imAccounts: [ImAccount(platform: .dingtalk, userID: "zw1234"), ImAccount(platform: .lark, userID: "ou_9")],
        alertLanguage: .chinese,
        receiveSystemNotifications: true,
        phoneFallback: .redialOnce,
        alternateContactID: "ct_2",
        principal: Principal(kind: .role, id: "3012", displayName: "Ops team"),
        preferredChannels: [.sms, .phoneCall],
        createTimeUnixMs: march4,
        updateTimeUnixMs: march5,
        version: 3
    )

    /// A contact with only a name and an unverified phone.
    static let plainContact = Contact(
        id: "ct_22",
        name: "李娜",
        phone: "+12025550123",
        phoneStatus: ContactMethodStatus(state: .unverified),
        createTimeUnixMs: march4,
        updateTimeUnixMs: march4,
        version: 1
    )

    static let group = ContactGroup(
        id: "grp_1",
        name: "DBA",
        note: "Database on-call",
        memberContactIDs: ["ct_1", "ct_22"],
        createTimeUnixMs: march4,
        updateTimeUnixMs: march5,
        version: 4
    )

    static let settings = TenantSettings(
        tenant: "acme",
        site: .china,
        defaultPhoneFallback: .sms,
        lastResortEmail: "noc@example.com",
        callCountryCodes: [86, 852],
        quotas: TenantQuotas(
            maxContacts: 100,
            maxGroups: 100,
            maxGroupMembers: 500,
            maxRules: 200,
            dailyVerificationSends: 500
        ),
        updateTimeUnixMs: march5,
        version: 2
    )
}
