import ArgumentParser
import Foundation
import HeraldDaemon
import Logging

/// `heraldd`: the Herald server.
@main
struct Heraldd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heraldd",
        abstract: "The Herald alert-contact and notification-routing server.",
        discussion: """
            Every option can also be set by the environment variable shown with it, or by a key \
            of the same name in the JSON file given to --config; a flag wins over the \
            environment, which wins over the file. With no options heraldd listens on \
            127.0.0.1:7443 with the development certificates and policy made by \
            Certs/make-dev-certs.sh and keeps its data in ./herald-data.
            """
    )

    @Option(help: "A JSON file of settings, e.g. {\"listen\": \"0.0.0.0:7443\"} (env: HERALD_CONFIG).")
    var config: String?

    @Option(help: help(.listen)) var listen: String?
    @Option(name: .customLong("data-dir"), help: help(.dataDir)) var dataDir: String?
    @Option(name: .customLong("tls-cert"), help: help(.tlsCert)) var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: help(.tlsKey)) var tlsKey: String?
    @Option(name: .customLong("tls-ca"), help: help(.tlsCA)) var tlsCA: String?
    @Option(name: .customLong("tls-min-version"), help: help(.tlsMinVersion)) var tlsMinVersion: String?
    @Option(help: help(.policy)) var policy: String?
    @Option(name: .customLong("plaintext-listen"), help: help(.plaintextListen)) var plaintextListen: String?
    @Option(name: .customLong("plaintext-identity"), help: help(.plaintextIdentity)) var plaintextIdentity: String?
    @Option(name: .customLong("max-frame-size"), help: help(.maxFrameSize)) var maxFrameSize: String?
    @Option(name: .customLong("max-concurrent-calls"), help: help(.maxConcurrentCalls)) var maxConcurrentCalls: String?
    @Option(name: .customLong("max-connections"), help: help(.maxConnections)) var maxConnections: String?
    @Option(name: .customLong("handshake-timeout"), help: help(.handshakeTimeout)) var handshakeTimeout: String?
    @Option(name: .customLong("idle-timeout"), help: help(.idleTimeout)) var idleTimeout: String?
    @Option(name: .customLong("max-deadline"), help: help(.maxDeadline)) var maxDeadline: String?
    @Option(name: .customLong("drain-timeout"), help: help(.drainTimeout)) var drainTimeout: String?
    @Option(help: help(.durability)) var durability: String?
    @Option(name: .customLong("fsync-interval"), help: help(.fsyncInterval)) var fsyncInterval: String?
    @Flag(name: .customLong("repair-store"), help: help(.repairStore)) var repairStore = false
    @Option(name: .customLong("log-level"), help: help(.logLevel)) var logLevel: String?
    @Option(name: .customLong("log-format"), help: help(.logFormat)) var logFormat: String?

    private static func help(_ setting: DaemonSetting) -> ArgumentHelp {
        let fallback = setting.defaultValue.map { "; default: \($0)" } ?? ""
        return ArgumentHelp("\(setting.summary) (env: \(setting.environmentVariable)\(fallback))")
    }

    private var flags: [DaemonSetting: String] {
        var flags: [DaemonSetting: String] = [:]
        let values: [(DaemonSetting, String?)] = [
            (.listen, listen), (.dataDir, dataDir), (.tlsCert, tlsCert), (.tlsKey, tlsKey), (.tlsCA, tlsCA),
            (.tlsMinVersion, tlsMinVersion), (.policy, policy), (.plaintextListen, plaintextListen),
            (.plaintextIdentity, plaintextIdentity), (.maxFrameSize, maxFrameSize),
            (.maxConcurrentCalls, maxConcurrentCalls), (.maxConnections, maxConnections),
            (.handshakeTimeout, handshakeTimeout), (.idleTimeout, idleTimeout), (.maxDeadline, maxDeadline),
            (.drainTimeout, drainTimeout), (.durability, durability), (.fsyncInterval, fsyncInterval),
            (.repairStore, repairStore ? "true" : nil), (.logLevel, logLevel), (.logFormat, logFormat),
        ]
        for case (let setting, let value?) in values { flags[setting] = value }
        return flags
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.resolve(
                flags: flags,
                configFile: config ?? environment["HERALD_CONFIG"],
                environment: environment
            )
        } catch {
            throw ValidationError(error.description)
        }
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                configuration.logFormat == .json
                ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let logger = Logger(label: "heraldd")
        do {
            try await Daemon.run(configuration, logger: logger)
        } catch {
            logger.critical("heraldd cannot start: \(error)")
            throw ExitCode(1)
        }
    }
}
