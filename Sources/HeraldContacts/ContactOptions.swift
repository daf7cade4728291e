public import HeraldProtos

/// Server-wide defaults and ceilings of the tenant quotas, and the defaults of tenant settings.
public struct ContactOptions: Sendable {
    /// Quotas of tenants that set none (a quota of 0 means "the default").
    public var defaultQuotas = TenantQuotas(
        maxContacts: 100,
        maxGroups: 100,
        maxGroupMembers: 500,
        maxRules: 200,
        dailyVerificationSends: 500
    )
    /// The largest value a tenant may set for each quota.
    public var quotaCeilings = TenantQuotas(
        maxContacts: 100_000,
        maxGroups: 10_000,
        maxGroupMembers: 10_000,
        maxRules: 10_000,
        dailyVerificationSends: 1_000_000
    )
    /// Country calling codes where phone calls work, for tenants that set none.
    public var defaultCallCountryCodes: [UInt32] = [86]

    public init() {}
}
