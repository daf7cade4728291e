public import HeraldProtos
import HeraldRPC
public import HeraldServiceKit
public import HeraldStore
public import HeraldWire
public import Logging
import Synchronization

/// The contact service: contacts and tenant settings in the `contacts` table.
///
/// It answers the `ContactService` RPCs (``ContactServiceHandler``) and gives the other
/// services what they need through its Swift API: whether a contact exists, a contact's
/// addresses and states, a tenant's settings and quotas, and (for the verification service)
/// marking a method pending or verified. It reaches the group and rule services only through
/// the protocols they implement (``GroupMembership``, ``ContactDeletionObserver``).
public final class ContactDirectory: Sendable {
    let table: Table
    let options: ContactOptions
    let clock: any ServiceClock
    let logger: Logger
    private let links = Mutex<Links>(Links())

    struct Links {
        var groups: (any GroupMembership & ContactDeletionObserver)?
        var otherDeletionObservers: [any ContactDeletionObserver] = []
    }

    /// Opens (or creates) the `contacts` table of `store`.
    public init(
        store: Store,
        options: ContactOptions = ContactOptions(),
        clock: any ServiceClock,
        logger: Logger
    )
        async throws
    {
        self.table = try await store.table("contacts", indexes: ContactKeys.indexes)
        self.options = options
        self.clock = clock
        self.logger = logger
    }

    /// Connects the group service (membership on create, groups of a contact, clean-up on
    /// delete).
    public func attach(groups: any GroupMembership & ContactDeletionObserver) {
        links.withLock { $0.groups = groups }
    }

    /// Connects another service that must forget deleted contacts (the rule service).
    public func attach(deletionObserver: any ContactDeletionObserver) {
        links.withLock { $0.otherDeletionObservers.append(deletionObserver) }
    }

    var groups: (any GroupMembership)? { links.withLock { $0.groups } }
    var groupObserver: (any ContactDeletionObserver)? { links.withLock { $0.groups } }
    var otherDeletionObservers: [any ContactDeletionObserver] { links.withLock { $0.otherDeletionObservers } }

    // MARK: For other services

    /// The stored contact (webhook secrets included), or nil.
    ///
    /// - Throws: DATA_LOSS when the stored record does not decode.
    public func contact(_ id: String, tenant: String) throws(RPCError) -> Contact? {
        guard let bytes = table.get(ContactKeys.contact(tenant, id)) else { return nil }
        return try decodeStored(Contact.self, bytes)
    }

    /// Whether the tenant has a contact with this id.
    public func contactExists(_ id: String, tenant: String) -> Bool {
        table.contains(ContactKeys.contact(tenant, id))
    }

    /// The tenant's settings with defaults filled in (stored version 0 when never saved).
    ///
    /// - Throws: DATA_LOSS when the stored settings do not decode.
    public func tenantSettings(tenant: String) throws(RPCError) -> TenantSettings {
        effectiveSettings(try storedSettings(tenant: tenant), tenant: tenant)
    }

    /// The tenant's effective quotas.
    ///
    /// - Throws: DATA_LOSS when the stored settings do not decode.
    public func quotas(tenant: String) throws(RPCError) -> TenantQuotas {
        effectiveQuotas(try storedSettings(tenant: tenant)?.quotas)
    }

    /// The `contacts` table, for health checks.
    public var tableForHealth: Table { table }

    /// The number of contacts of the tenant.
    public func contactCount(tenant: String) -> Int {
        Int(TableKeys.decodeCount(table.get(ContactKeys.count(tenant))))
    }
}
