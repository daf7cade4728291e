import Foundation
import HeraldRPC
import HeraldServer
public import Logging

/// `heraldd`'s life: prepare the data directory, start the server with every service, wait for
/// SIGTERM or SIGINT, drain, close the store.
public enum Daemon {
    /// Runs until a termination signal has been handled and the store is closed.
    ///
    /// - Throws: what kept the server from starting, or the store from closing.
    public static func run(_ configuration: DaemonConfiguration, logger: Logger) async throws {
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let services = try await ServiceAssembly(configuration: configuration, logger: logger)
        let server = try RPCServer(
            configuration: configuration.server,
            routes: services.routes,
            healthProbes: services.healthProbes,
            logger: logger
        )
        let addresses = try server.start()
        // For scripts and orchestration: one line on standard output once ready.
        FileHandle.standardOutput.write(Data("listening on \(addresses.tls) pid \(getpid())\n".utf8))
        logger.info(
            "heraldd ready",
            metadata: [
                "tls": "\(addresses.tls)",
                "data-dir": "\(configuration.dataDirectory)",
                "version": "\(configuration.server.version)",
            ]
        )
        let signal = await signals.next()
        logger.info("received signal \(signal); draining", metadata: ["timeout": "\(configuration.drainTimeout)"])
        await server.drain(timeout: configuration.drainTimeout)
        try await services.shutdown()
        logger.info("heraldd stopped")
    }
}
