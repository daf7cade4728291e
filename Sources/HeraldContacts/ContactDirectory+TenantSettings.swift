public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension ContactDirectory {
    /// Each quota: its field name (under `quotas.` in update masks) and where it is held.
    static var quotaFields: [(name: String, path: WritableKeyPath<TenantQuotas, UInt32>)] {
        [
            ("max_contacts", \.maxContacts), ("max_groups", \.maxGroups), ("max_group_members", \.maxGroupMembers),
            ("max_rules", \.maxRules), ("daily_verification_sends", \.dailyVerificationSends),
        ]
    }

    /// The settings of a tenant that never saved any, before defaults are filled in.
    var unsavedSettings: TenantSettings {
        TenantSettings(callCountryCodes: options.defaultCallCountryCodes)
    }

    /// The tenant's stored settings, nil when never saved.
    ///
    /// - Throws: DATA_LOSS when the stored settings do not decode.
    func storedSettings(tenant: String) throws(RPCError) -> TenantSettings? {
        guard let bytes = table.get(ContactKeys.settings(tenant)) else { return nil }
        return try decodeStored(TenantSettings.self, bytes)
    }

    /// Settings with every default filled in: what responses return and services use.
    func effectiveSettings(_ stored: TenantSettings?, tenant: String) -> TenantSettings {
        var settings = stored ?? unsavedSettings
        settings.tenant = tenant
        if settings.site == .unspecified { settings.site = .international }
        if settings.defaultPhoneFallback == .unspecified { settings.defaultPhoneFallback = .sms }
        settings.quotas = effectiveQuotas(settings.quotas)
        return settings
    }

    /// Quotas with the server's default for every quota that is 0 or not set.
    func effectiveQuotas(_ stored: TenantQuotas?) -> TenantQuotas {
        var quotas = stored ?? TenantQuotas()
        for (_, path) in Self.quotaFields where quotas[keyPath: path] == 0 {
            quotas[keyPath: path] = options.defaultQuotas[keyPath: path]
        }
        return quotas
    }

    public func getTenantSettings(
        _ request: GetTenantSettingsRequest,
        context: ServerContext
    ) async throws
        -> GetTenantSettingsResponse
    {
        GetTenantSettingsResponse(settings: try tenantSettings(tenant: context.tenant))
    }

    public func updateTenantSettings(
        _ request: UpdateTenantSettingsRequest,
        context: ServerContext
    ) async throws
        -> UpdateTenantSettingsResponse
    {
        let mask = try FieldMask(
            request.updateMask,
            allowed: ["site", "default_phone_fallback", "last_resort_email", "call_country_codes", "quotas"]
                + Self.quotaFields.map { "quotas.\($0.name)" }
        )
        let input = request.settings ?? TenantSettings()
        let tenant = context.tenant
        let now = clock.nowUnixMilliseconds()
        let unsavedSettings = self.unsavedSettings
        let ceilings = options.quotaCeilings
        let saved: TenantSettings = try await table.transaction { transaction in
            let key = ContactKeys.settings(tenant)
            var settings = unsavedSettings
            if let bytes = transaction.get(key) {
                settings = try decodeStored(TenantSettings.self, bytes)
            }
            if request.expectedVersion != 0 && request.expectedVersion != settings.version {
                throw RPCError(
                    code: .aborted,
                    message:
                        "the settings changed (version \(settings.version), you read \(request.expectedVersion)); read them again",
                    currentVersion: settings.version
                )
            }
            var violations = Violations()
            if mask.contains("site") {
                if case .unrecognized(let value) = input.site {
                    violations.add("settings.site", "unknown value \(value)")
                }
                settings.site = input.site
            }
            if mask.contains("default_phone_fallback") {
                switch input.defaultPhoneFallback {
                case .tenantDefault:
                    violations.add("settings.default_phone_fallback", "TENANT_DEFAULT is only valid on contacts")
                case .unrecognized(let value):
                    violations.add("settings.default_phone_fallback", "unknown value \(value)")
                default:
                    break
                }
                settings.defaultPhoneFallback = input.defaultPhoneFallback
            }
            if mask.contains("last_resort_email") {
                if input.lastResortEmail.isEmpty {
                    settings.lastResortEmail = ""
                } else {
                    switch EmailAddress.normalize(input.lastResortEmail) {
                    case .success(let email): settings.lastResortEmail = email
                    case .failure(let problem): violations.add("settings.last_resort_email", problem.description)
                    }
                }
            }
            if mask.contains("call_country_codes") {
                let codes = input.callCountryCodes
                if codes.count > 50 { violations.add("settings.call_country_codes", "at most 50 codes") }
                if Set(codes).count != codes.count { violations.add("settings.call_country_codes", "no duplicates") }
                for (index, code) in codes.enumerated() where !(1...999).contains(code) {
                    violations.add("settings.call_country_codes[\(index)]", "a calling code is 1–999")
                }
                settings.callCountryCodes = codes
            }
            var quotas = settings.quotas ?? TenantQuotas()
            let given = input.quotas ?? TenantQuotas()
            for (name, path) in Self.quotaFields where mask.contains("quotas") || mask.contains("quotas.\(name)") {
                if given[keyPath: path] > ceilings[keyPath: path] {
                    violations.add("settings.quotas.\(name)", "at most \(ceilings[keyPath: path]) on this server")
                }
                quotas[keyPath: path] = given[keyPath: path]
            }
            settings.quotas = quotas
            try violations.check()
            settings.tenant = ""
            settings.version += 1
            settings.updateTimeUnixMs = now
            transaction.put(key, try encodeStored(settings))
            return settings
        }
        return UpdateTenantSettingsResponse(settings: effectiveSettings(saved, tenant: tenant))
    }
}
