import HeraldContacts
import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldServiceKit
import HeraldStore
import Logging

/// The store and the services `heraldd` serves, wired together: each service owns its table
/// and reaches the others only through their Swift APIs.
struct ServiceAssembly {
    let store: Store
    let routes: [ServerRoute]
    let healthProbes: [HealthProbe]

    init(configuration: DaemonConfiguration, logger: Logger) async throws {
        var options = StoreOptions()
        options.durability = configuration.durability
        options.repair = configuration.repairStore
        let store = try Store(path: configuration.dataDirectory, options: options, logger: logger)
        let clock = SystemServiceClock()
        let contacts = try await ContactDirectory(store: store, clock: clock, logger: logger)
        let groups = try await GroupDirectory(store: store, contacts: contacts, clock: clock, logger: logger)
        // Every service is attached: finish group joins and deletions a crash interrupted.
        try await contacts.resumePendingJoins()
        try await contacts.resumePendingDeletions()
        try await groups.resumePendingDeletions()
        self.store = store
        self.routes = contacts.routes + groups.routes
        self.healthProbes = [
            Self.probe(service: ContactService.name, table: contacts.tableForHealth),
            Self.probe(service: GroupService.name, table: groups.tableForHealth),
        ]
    }

    /// A service is serving while its table accepts writes.
    private static func probe(service: String, table: Table) -> HealthProbe {
        { @Sendable in
            if let failure = table.failure {
                return ComponentHealth(name: service, status: .notServing, detail: "\(failure)")
            }
            return ComponentHealth(name: service, status: .serving)
        }
    }

    /// Flushes and closes the store.
    func shutdown() async throws {
        try await store.close()
    }
}
