public import HeraldContacts
public import HeraldProtos
public import HeraldServiceKit
public import HeraldStore
public import HeraldWire
public import Logging
import Synchronization

/// The group service: contact groups of each tenant in the `groups` table.
///
/// It answers the `GroupService` RPCs (``GroupServiceHandler``, one extension per RPC family)
/// and serves the contact service through ``GroupMembership`` (groups of a contact, joining
/// groups when a contact is created) and ``ContactDeletionObserver`` (a deleted contact leaves
/// every group). It reads contacts only through ``ContactDirectory``'s Swift API and never
/// while it holds its own table's lock, so the two services' locks are never taken in
/// opposite orders.
///
/// Services that refer to groups (the rule service) use ``group(_:tenant:)`` and
/// ``groupExists(_:tenant:)``, and learn about deleted groups through a
/// ``GroupDeletionObserver`` attached with ``attach(deletionObserver:)``.
///
/// Start-up order: open the ``ContactDirectory``, then the `GroupDirectory` (which attaches
/// itself to it), attach the deletion observers, then call ``resumePendingDeletions()``
/// before serving.
public final class GroupDirectory: Sendable {
    let table: Table
    let contacts: ContactDirectory
    let clock: any ServiceClock
    let logger: Logger
    private let observers = Mutex<[any GroupDeletionObserver]>([])

    /// Opens (or creates) the `groups` table of `store` and attaches the service to `contacts`
    /// (``ContactDirectory/attach(groups:)``), so contacts can join groups when created and
    /// deleted contacts leave every group.
    ///
    /// - Parameters:
    ///   - store: the store holding the `groups` table.
    ///   - contacts: the contact service members are checked against.
    ///   - clock: the source of creation and update times (and of ids' time part).
    ///   - logger: for clean-up work done outside a call.
    /// - Throws: ``StoreError`` when the table cannot be opened or recovered.
    public init(store: Store, contacts: ContactDirectory, clock: any ServiceClock, logger: Logger) async throws {
        self.table = try await store.table("groups", indexes: GroupKeys.indexes)
        self.contacts = contacts
        self.clock = clock
        self.logger = logger
        contacts.attach(groups: self)
    }

    /// The `groups` table, for health checks.
    public var tableForHealth: Table { table }

    /// Connects a service that must forget deleted groups (the rule service); `DeleteGroup`
    /// calls it after deleting a group.
    public func attach(deletionObserver: any GroupDeletionObserver) {
        observers.withLock { $0.append(deletionObserver) }
    }

    var deletionObservers: [any GroupDeletionObserver] { observers.withLock { $0 } }

    // MARK: For other services

    /// The group, or nil when the tenant has no group with this id.
    ///
    /// - Throws: DATA_LOSS when the stored record does not decode.
    public func group(_ id: String, tenant: String) throws(RPCError) -> ContactGroup? {
        guard GroupValidation.isGroupID(id) else { return nil }
        return try storedGroup(GroupKeys.group(tenant, id))
    }

    /// Whether the tenant has a group with this id.
    public func groupExists(_ id: String, tenant: String) -> Bool {
        GroupValidation.isGroupID(id) && table.contains(GroupKeys.group(tenant, id))
    }

    /// The number of groups of the tenant.
    public func groupCount(tenant: String) -> Int {
        Int(TableKeys.decodeCount(table.get(GroupKeys.count(tenant))))
    }

    // MARK: Shared by the handlers

    /// The stored group at `key` as `transaction` sees it, or nil.
    ///
    /// - Throws: DATA_LOSS when the record does not decode.
    static func load(_ key: StoreKey, in transaction: inout TableTransaction) throws(RPCError) -> ContactGroup? {
        guard let bytes = transaction.get(key) else { return nil }
        return try decodeStored(ContactGroup.self, bytes)
    }

    /// The group at `key`, which must exist and have `expectedVersion` (0 = any).
    ///
    /// - Throws: NOT_FOUND, ABORTED.
    static func loadForChange(
        _ key: StoreKey,
        id: String,
        expectedVersion: UInt64,
        in transaction: inout TableTransaction
    ) throws(RPCError) -> ContactGroup {
        guard let group = try load(key, in: &transaction) else { throw GroupErrors.notFound(id) }
        if expectedVersion != 0 && expectedVersion != group.version {
            throw GroupErrors.stale(current: group.version, expected: expectedVersion)
        }
        return group
    }

    /// The stored group at `key` (committed state), or nil.
    ///
    /// - Throws: DATA_LOSS when the record does not decode.
    func storedGroup(_ key: StoreKey) throws(RPCError) -> ContactGroup? {
        guard let bytes = table.get(key) else { return nil }
        return try decodeStored(ContactGroup.self, bytes)
    }

    /// Checks member ids of a request against the contact service: the collapsed list when
    /// every id is an existing contact of the tenant and there are at most `limit`.
    ///
    /// Contacts are read before the transaction that writes the group (never under the groups
    /// table's lock); ``forgetVanished(_:from:tenant:)`` closes the gap afterwards.
    ///
    /// - Throws: RESOURCE_EXHAUSTED over `limit` (naming `field`); FAILED_PRECONDITION naming
    ///   `field[i]` for each unknown contact.
    func checkedMembers(_ ids: [String], field: String, limit: UInt32, tenant: String) throws(RPCError) -> [String] {
        let unique = collapsed(ids)
        if unique.count > Int(limit) {
            throw GroupErrors.memberLimit(unique.count, limit: limit, field: field)
        }
        try requireContacts(unique, field: field, tenant: tenant)
        return unique.map(\.id)
    }

    /// - Throws: FAILED_PRECONDITION naming `field[i]` for each id that is not a contact of the
    ///   tenant (another tenant's contact is "unknown" too).
    func requireContacts(_ ids: [(position: Int, id: String)], field: String, tenant: String) throws(RPCError) {
        var unknown = Violations()
        for (position, id) in ids
        where !GroupValidation.isPlausibleContactID(id) || !contacts.contactExists(id, tenant: tenant) {
            unknown.add("\(field)[\(position)]", "no contact \"\(id)\"")
        }
        try unknown.check(code: .failedPrecondition, plural: "unknown contacts")
    }

    /// Removes members added by a write that were deleted from the contact service between
    /// the check and the write, and returns the group as it is now.
    ///
    /// The contact service deletes a contact's record before it asks this service to forget
    /// it, so either that request comes after our write (and removes them), or the record is
    /// already gone here and we remove them ourselves.
    func forgetVanished(_ added: [String], from group: ContactGroup, tenant: String) async throws -> ContactGroup {
        let vanished = added.filter { !contacts.contactExists($0, tenant: tenant) }
        guard !vanished.isEmpty else { return group }
        for contactID in vanished {
            _ = try await contactDeleted(contactID, tenant: tenant)
        }
        return try storedGroup(GroupKeys.group(tenant, group.id)) ?? group
    }
}
