import HeraldContacts
import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldStore
import HeraldTestSupport
import HeraldWire
import Logging
import Synchronization
import Testing

/// A real store in a fresh directory with the real contact and group services on it.
final class GroupsFixture: Sendable {
    let directory: TemporaryDirectory
    let clock = TestClock()
    let durability: Durability
    private let state: Mutex<Services?>
    private let serial = Atomic<Int>(0)

    struct Services: Sendable {
        var store: Store
        var contacts: ContactDirectory
        var groups: GroupDirectory
    }

    /// Opens the services on a new directory.
    init(durability: Durability = .none) async throws {
        directory = try TemporaryDirectory("groups")
        self.durability = durability
        state = Mutex(nil)
        try await open()
    }

    static let logger = Logger(label: "herald.groups.tests") { _ in SwiftLogNoOpLogHandler() }

    var store: Store { state.withLock { $0! }.store }
    var contacts: ContactDirectory { state.withLock { $0! }.contacts }
    var groups: GroupDirectory { state.withLock { $0! }.groups }

    /// Opens the store and the services (as `heraldd` does at start-up).
    func open() async throws {
        let store = try Store(path: directory.path, options: StoreOptions(durability: durability), logger: Self.logger)
        let contacts = try await ContactDirectory(store: store, clock: clock, logger: Self.logger)
        let groups = try await GroupDirectory(store: store, contacts: contacts, clock: clock, logger: Self.logger)
        state.withLock { $0 = Services(store: store, contacts: contacts, groups: groups) }
    }

    /// Closes the store and opens everything again: what a restart sees.
    func reopen() async throws {
        try await close()
        try await open()
    }

    func close() async throws {
        guard let services = state.withLock({ $0.take() }) else { return }
        try await services.store.close()
    }

    /// Closes the store and deletes the directory.
    func remove() async {
        try? await close()
        directory.remove()
    }

    /// The context of a call for `tenant`.
    func context(_ tenant: String = "acme", method: MethodInfo = GroupService.createGroup.info) -> ServerContext {
        ServerContext(
            method: method,
            tenant: tenant,
            caller: CallerIdentity(name: "spiffe://mesh.local/ns/test/sa/tests"),
            requestID: "req-\(serial.add(1, ordering: .relaxed).newValue)",
            logger: Self.logger
        )
    }

    // MARK: Shortcuts

    /// Creates a contact through the contact service; returns its id.
    func makeContact(_ name: String = "Alice", tenant: String = "acme", groupIDs: [String] = []) async throws -> String
    {
        let number = serial.add(1, ordering: .relaxed).newValue
        let request = CreateContactRequest(
            contact: Contact(name: name, email: "person\(number)@example.com"),
            groupIDs: groupIDs
        )
        return try await contacts.createContact(request, context: context(tenant)).contact!.id
    }

    /// Creates contacts; returns their ids in order.
    func makeContacts(_ count: Int, tenant: String = "acme") async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(try await makeContact("Person \(index)", tenant: tenant))
        }
        return ids
    }

    /// Creates a group one millisecond after the previous one (so groups list in the order the
    /// test made them); returns it as stored.
    @discardableResult
    func makeGroup(
        _ name: String,
        note: String = "",
        members: [String] = [],
        tenant: String = "acme"
    ) async throws -> ContactGroup {
        clock.advance(milliseconds: 1)
        let request = CreateGroupRequest(group: ContactGroup(name: name, note: note, memberContactIDs: members))
        return try await groups.createGroup(request, context: context(tenant)).group!
    }

    /// Reads a group.
    func group(_ id: String, tenant: String = "acme") async throws -> ContactGroup {
        try await groups.getGroup(GetGroupRequest(id: id), context: context(tenant)).group!
    }

    /// Sets the tenant's group quotas through the contact service.
    func setQuotas(maxGroups: UInt32 = 0, maxGroupMembers: UInt32 = 0, tenant: String = "acme") async throws {
        let request = UpdateTenantSettingsRequest(
            settings: TenantSettings(quotas: TenantQuotas(maxGroups: maxGroups, maxGroupMembers: maxGroupMembers)),
            updateMask: ["quotas.max_groups", "quotas.max_group_members"]
        )
        _ = try await contacts.updateTenantSettings(request, context: context(tenant))
    }
}

/// Runs `body` with fresh services on a new directory, then closes the store and deletes the
/// directory (also when `body` throws).
func withGroups(durability: Durability = .none, _ body: (GroupsFixture) async throws -> Void) async throws {
    let fixture = try await GroupsFixture(durability: durability)
    do {
        try await body(fixture)
    } catch {
        await fixture.remove()
        throw error
    }
    await fixture.remove()
}

/// What `body` returned or threw.
func outcome<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
