import HeraldContacts
import HeraldProtos
import HeraldWire
import Testing

/// UpdateTenantSettings field by field: good values are saved (UNSPECIFIED meaning the
/// default), bad ones are refused naming the field.
@Suite struct TenantSettingsValidationTests {
    /// Updates the fields `mask` names; returns the violation paths and, when it succeeded,
    /// the settings as GetTenantSettings reads them afterwards.
    private func update(
        _ settings: TenantSettings,
        _ mask: [String]
    ) async throws -> (
        paths: [String], saved: TenantSettings?
    ) {
        try await ContactsFixture.with { fixture in
            do {
                let request = UpdateTenantSettingsRequest(settings: settings, updateMask: mask)
                _ = try await fixture.contacts.updateTenantSettings(request, context: context())
                return ([], try fixture.contacts.tenantSettings(tenant: "acme"))
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument, "\(error)")
                #expect(try fixture.contacts.tenantSettings(tenant: "acme").version == 0, "nothing saved")
                return (error.fieldViolations.map(\.field), nil)
            }
        }
    }

    @Test(
        arguments: [
            (.unspecified, .international), (.china, .china), (.international, .international),
            (.unrecognized(3), nil), (.unrecognized(-2), nil),
        ] as [(Site, Site?)]
    )
    func site(_ given: Site, _ saved: Site?) async throws {
        let result = try await update(TenantSettings(site: given), ["site"])
        #expect(result.paths == (saved == nil ? ["settings.site"] : []))
        #expect(result.saved?.site == saved)
    }

    @Test(
        arguments: [
            (.unspecified, .sms), (.none, PhoneFallback.none), (.redialOnce, .redialOnce), (.sms, .sms),
            (.tenantDefault, nil), (.unrecognized(5), nil),
        ] as [(PhoneFallback, PhoneFallback?)]
    )
    func defaultPhoneFallback(_ given: PhoneFallback, _ saved: PhoneFallback?) async throws {
        let result = try await update(TenantSettings(defaultPhoneFallback: given), ["default_phone_fallback"])
        #expect(result.paths == (saved == nil ? ["settings.default_phone_fallback"] : []))
        #expect(result.saved?.defaultPhoneFallback == saved)
    }

    @Test(
        arguments: [
            ([86], nil), ([], nil), ([1, 999], nil), (Array(1...50), nil),
            ([0], "settings.call_country_codes[0]"), ([86, 1000], "settings.call_country_codes[1]"),
            ([86, 852, 86], "settings.call_country_codes"), (Array(1...51), "settings.call_country_codes"),
        ] as [([UInt32], String?)]
    )
    func callCountryCodes(_ codes: [UInt32], _ field: String?) async throws {
        let result = try await update(TenantSettings(callCountryCodes: codes), ["call_country_codes"])
        #expect(result.paths == (field.map { [$0] } ?? []))
        if field == nil { #expect(result.saved?.callCountryCodes == codes) }
    }

    @Test(
        arguments: [
            ("", nil), ("noc@example.com", nil), (" NOC@Example.COM ", nil), ("noc", "settings.last_resort_email"),
            ("noc@example", "settings.last_resort_email"), ("n oc@example.com", "settings.last_resort_email"),
        ] as [(String, String?)]
    )
    func lastResortEmail(_ email: String, _ field: String?) async throws {
        let result = try await update(TenantSettings(lastResortEmail: email), ["last_resort_email"])
        #expect(result.paths == (field.map { [$0] } ?? []))
    }
}
