import HeraldProtos
import HeraldRPC
import HeraldWire
import Logging
import Synchronization

/// What every connection of a server shares: configuration, routes, the access policy, and
/// the server-wide counters.
final class ServerCore: Sendable {
    let configuration: ServerConfiguration
    let routes: [String: ServerRoute]
    let logger: Logger
    let startTime = ContinuousClock.now
    /// Replies remembered per idempotency key, shared by all connections.
    let idempotency = IdempotencyCache()
    /// A random prefix making generated request ids unique across restarts.
    let requestIDPrefix: String
    let counters = ServerCounters()
    private let nextConnectionNumber = Atomic<UInt64>(1)

    init(configuration: ServerConfiguration, routes: [ServerRoute], logger: Logger) {
        self.configuration = configuration
        self.routes = Dictionary(routes.map { ($0.method.path, $0) }, uniquingKeysWith: { _, last in last })
        self.logger = logger
        self.requestIDPrefix = String(UInt32.random(in: .min ... .max), radix: 36)
    }

    var limits: ServerLimits { configuration.limits }

    func makeConnectionNumber() -> UInt64 {
        nextConnectionNumber.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// The `Settings` the server sends on every connection.
    func settings(identity: String?) -> Settings {
        Settings(
            protocolVersion: UInt32(ConnectionPreface.version),
            maxFrameSize: UInt32(limits.maxFrameSize),
            maxConcurrentCalls: UInt32(limits.maxConcurrentCallsPerConnection),
            idleTimeoutMs: limits.idleTimeout.map { UInt64(clamping: $0.wholeMilliseconds) } ?? 0,
            implementationName: "heraldd",
            implementationVersion: configuration.version,
            authenticatedIdentity: identity ?? ""
        )
    }
}
