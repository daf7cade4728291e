import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald tenant set …`: ContactService/UpdateTenantSettings with the mask of the flags given.
struct TenantSetCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change some of the tenant's settings (admin).",
        discussion: """
            Only the settings whose flags you give are changed: the flags make the request's \
            update_mask (one quota flag changes only that quota). A quota of 0 means the \
            server's default.

            Examples:
              herald tenant set --site china --call-country-codes 86,852
              herald tenant set --max-contacts 300 --expected-version 4
            """
    )

    @Option(
        help: "The tenant's site, which decides the auto alert language: \(Site.cliChoices).",
        transform: {
            try Site.cliValue($0)
        }
    )
    var site: Site?

    @Option(
        help: ArgumentHelp(
            "Phone fallback for contacts set to tenant-default: none, redial-once or sms.",
            valueName: "fallback"
        ),
        transform: { try PhoneFallback.cliValue($0) }
    )
    var defaultPhoneFallback: PhoneFallback?

    @Option(help: "Email that gets alerts nobody else can receive ('' removes it).")
    var lastResortEmail: String?

    @Option(
        help: ArgumentHelp(
            "Country calling codes whose numbers may be called, comma-separated, e.g. 86,1 (none: no calls).",
            valueName: "codes"
        ),
        transform: { try ContactArguments.countryCodes($0) }
    )
    var callCountryCodes: [UInt32]?

    @Option(help: "Most contacts in the tenant (0: the server's default).")
    var maxContacts: UInt32?

    @Option(help: "Most groups in the tenant (0: the server's default).")
    var maxGroups: UInt32?

    @Option(help: "Most members per group (0: the server's default).")
    var maxGroupMembers: UInt32?

    @Option(help: "Most notification rules in the tenant (0: the server's default).")
    var maxRules: UInt32?

    @Option(help: "Most verification messages sent per UTC day (0: the server's default).")
    var dailyVerificationSends: UInt32?

    @Option(
        help: ArgumentHelp("Only update if the settings are still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags([
        "settings.site": "--site", "settings.default_phone_fallback": "--default-phone-fallback",
        "settings.last_resort_email": "--last-resort-email", "settings.call_country_codes": "--call-country-codes",
        "settings.quotas.max_contacts": "--max-contacts", "settings.quotas.max_groups": "--max-groups",
        "settings.quotas.max_group_members": "--max-group-members", "settings.quotas.max_rules": "--max-rules",
        "settings.quotas.daily_verification_sends": "--daily-verification-sends",
    ])

    func validate() throws {
        if request.updateMask.isEmpty {
            throw ValidationError(
                "nothing to change: give the settings to change, e.g. --site, --default-phone-fallback, "
                    + "--last-resort-email, --call-country-codes or a quota such as --max-contacts"
            )
        }
    }

    /// The request the flags describe, its mask naming exactly the settings given.
    var request: UpdateTenantSettingsRequest {
        var settings = TenantSettings()
        var quotas = TenantQuotas()
        var mask: [String] = []
        if let site {
            settings.site = site
            mask.append("site")
        }
        if let defaultPhoneFallback {
            settings.defaultPhoneFallback = defaultPhoneFallback
            mask.append("default_phone_fallback")
        }
        if let lastResortEmail {
            settings.lastResortEmail = lastResortEmail
            mask.append("last_resort_email")
        }
        if let callCountryCodes {
            settings.callCountryCodes = callCountryCodes
            mask.append("call_country_codes")
        }
        let quotaFlags: [(value: UInt32?, path: String, set: (inout TenantQuotas, UInt32) -> Void)] = [
            (maxContacts, "max_contacts", { $0.maxContacts = $1 }),
            (maxGroups, "max_groups", { $0.maxGroups = $1 }),
            (maxGroupMembers, "max_group_members", { $0.maxGroupMembers = $1 }),
            (maxRules, "max_rules", { $0.maxRules = $1 }),
            (dailyVerificationSends, "daily_verification_sends", { $0.dailyVerificationSends = $1 }),
        ]
        for flag in quotaFlags {
            guard let value = flag.value else { continue }
            flag.set(&quotas, value)
            mask.append("quotas." + flag.path)
        }
        if quotaFlags.contains(where: { $0.value != nil }) { settings.quotas = quotas }
        return UpdateTenantSettingsRequest(settings: settings, updateMask: mask, expectedVersion: expectedVersion ?? 0)
    }

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).updateTenantSettings(request)
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: TenantOutput.details(response.settings ?? TenantSettings()))
    }
}
