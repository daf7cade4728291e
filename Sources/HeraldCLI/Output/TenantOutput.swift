import HeraldProtos

/// How tenant settings read in the terminal.
enum TenantOutput {
    /// The settings as a key/value block.
    static func details(_ settings: TenantSettings) -> String {
        let quotas = settings.quotas ?? TenantQuotas()
        var block = KeyValueBlock()
        block.add("tenant", settings.tenant)
        block.add("site", settings.site == .unspecified ? "international" : settings.site.cliName)
        block.add(
            "default phone fallback",
            settings.defaultPhoneFallback == .unspecified ? "sms" : settings.defaultPhoneFallback.cliName
        )
        block.add("last-resort email", settings.lastResortEmail.isEmpty ? "-" : settings.lastResortEmail)
        block.add(
            "call country codes",
            settings.callCountryCodes.isEmpty
                ? "- (no phone calls)" : settings.callCountryCodes.map { "\($0)" }.joined(separator: ", ")
        )
        block.add("max contacts", "\(quotas.maxContacts)")
        block.add("max groups", "\(quotas.maxGroups)")
        block.add("max group members", "\(quotas.maxGroupMembers)")
        block.add("max rules", "\(quotas.maxRules)")
        block.add("daily verification sends", "\(quotas.dailyVerificationSends)")
        block.add("version", settings.version == 0 ? "0 (never saved; defaults)" : "\(settings.version)")
        block.add("updated", iso8601(unixMilliseconds: settings.updateTimeUnixMs))
        return block.rendered
    }
}
