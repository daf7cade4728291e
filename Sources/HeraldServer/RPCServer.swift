import Dispatch
import HeraldProtos
public import HeraldRPC
import HeraldTLS
public import HeraldTransport
public import Logging
import Synchronization

/// The Herald RPC server: listens for mutual-TLS connections (and optionally plaintext ones on
/// loopback), speaks the frame protocol, checks access, and dispatches calls to routes.
///
/// ```swift
/// let server = try RPCServer(configuration: configuration, routes: contacts.routes, logger: logger)
/// let addresses = try server.start()
/// // … on SIGTERM:
/// await server.drain()
/// ```
public final class RPCServer: Sendable {
    /// The addresses a started server listens on.
    public struct Addresses: Sendable {
        public var tls: SocketAddress
        public var plaintext: SocketAddress?
    }

    private struct State {
        var listeners: [Listener] = []
        var connections: [UInt64: ServerConnection] = [:]
        var draining = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let core: ServerCore
    private let tlsContext: TLSContext
    private let listenerQueue = DispatchQueue(label: "herald.listener")
    private let state = Mutex(State())

    /// Creates a server; the health service is added to `routes`.
    ///
    /// - Parameters:
    ///   - healthProbes: report the health of components (services, store tables) for `Check`.
    /// - Throws: ``TLSError`` when the certificate, key or trust roots cannot be used;
    ///   ``ServerConfigurationError`` for other bad settings.
    public init(
        configuration: ServerConfiguration,
        routes: [ServerRoute],
        healthProbes: [HealthProbe] = [],
        logger: Logger
    ) throws {
        if let plaintext = configuration.plaintextListenAddress, !plaintext.isLoopback {
            throw ServerConfigurationError(
                description: "the plaintext listener may only use a loopback address, not \(plaintext)"
            )
        }
        tlsContext = try TLSContext(configuration: configuration.tls, role: .server, logger: logger)
        let health = HealthHandler(probes: healthProbes)
        core = ServerCore(configuration: configuration, routes: routes + health.routes, logger: logger)
        health.server = self
    }

    /// Starts listening.
    ///
    /// - Returns: the bound addresses (useful with port 0).
    /// - Throws: ``SystemCallError`` when an address cannot be bound.
    @discardableResult
    public func start() throws -> Addresses {
        let configuration = core.configuration
        let tls = try Listener(address: configuration.listenAddress, queue: listenerQueue, logger: core.logger) {
            [self] socket in accept(socket, security: .tls(tlsContext))
        }
        var listeners = [tls]
        var plaintextAddress: SocketAddress?
        if let address = configuration.plaintextListenAddress {
            let plaintext = try Listener(address: address, queue: listenerQueue, logger: core.logger) {
                [self] socket in accept(socket, security: .plaintext)
            }
            plaintextAddress = plaintext.localAddress
            listeners.append(plaintext)
            core.logger.warning(
                "plaintext listener enabled: calls on it are trusted as \(configuration.plaintextIdentity) without TLS",
                metadata: ["address": "\(plaintext.localAddress)"]
            )
        }
        state.withLock { $0.listeners = listeners }
        for listener in listeners { listener.start() }
        core.logger.info("listening", metadata: ["address": "\(tls.localAddress)"])
        return Addresses(tls: tls.localAddress, plaintext: plaintextAddress)
    }

    /// True once ``drain()`` has begun.
    public var isDraining: Bool { state.withLock { $0.draining } }

    /// Open connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Counters of what the server has done since it started.
    public var statistics: ServerStatistics { core.counters.snapshot }

    /// How long the server has been running.
    public var uptime: Duration { .now - core.startTime }

    public var version: String { core.configuration.version }

    /// Shuts down gracefully: stops listening, sends every connection a goaway (calls in
    /// flight finish, new ones are refused with UNAVAILABLE), and returns once all connections
    /// have closed or `timeout` has passed (then the rest are cut).
    public func drain(timeout: Duration = .seconds(30)) async {
        let (listeners, connections) = state.withLock { state in
            state.draining = true
            return (state.listeners, Array(state.connections.values))
        }
        listenerQueue.sync {
            for listener in listeners { listener.stop() }
        }
        core.logger.info("draining", metadata: ["connections": "\(connections.count)"])
        for connection in connections {
            connection.queue.async { connection.beginDrain(sendGoAway: true) }
        }
        let timeoutTask = Task {
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            let remaining = state.withLock { Array($0.connections.values) }
            for connection in remaining {
                connection.queue.async { connection.stream?.abort(error: nil) }
            }
        }
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.connections.isEmpty { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        timeoutTask.cancel()
        core.logger.info("drained")
    }

    private func accept(_ socket: Socket, security: StreamSecurityMode) {
        let connection = ServerConnection(core: core, queue: DispatchQueue(label: "herald.connection"))
        let admitted = state.withLock { state in
            guard !state.draining, state.connections.count < core.limits.maxConnections else { return false }
            state.connections[connection.number] = connection
            return true
        }
        guard admitted else {
            core.counters.noteConnectionRefused()
            core.logger.info("connection refused: at max_connections or draining")
            socket.close()
            return
        }
        core.counters.noteConnectionAccepted()
        connection.onClose = { [self] connection in removed(connection) }
        connection.queue.async { connection.start(socket: socket, security: security) }
    }

    private func removed(_ connection: ServerConnection) {
        let waiters = state.withLock { state in
            state.connections[connection.number] = nil
            guard state.draining, state.connections.isEmpty else { return [CheckedContinuation<Void, Never>]() }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A server setting that cannot work.
public struct ServerConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}
