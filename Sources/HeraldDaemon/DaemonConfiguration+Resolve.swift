import Foundation
import HeraldProtos
import HeraldServer
import HeraldStore
import HeraldTLS
import HeraldTransport
import HeraldWire
import Logging

extension DaemonConfiguration {
    /// Resolves every setting: a flag wins over the environment, which wins over the config
    /// file, which wins over the default.
    ///
    /// - Parameters:
    ///   - flags: values given on the command line, by setting.
    ///   - configFile: the path of a JSON object of settings (`{"listen": "…"}`), if any.
    ///   - environment: the process environment.
    /// - Throws: ``DaemonConfigurationError`` naming the setting, its value and its source.
    public static func resolve(
        flags: [DaemonSetting: String],
        configFile: String?,
        environment: [String: String]
    ) throws(DaemonConfigurationError) -> DaemonConfiguration {
        let file = try configFile.map { path throws(DaemonConfigurationError) in (path, try loadConfigFile(path)) }
        func lookup(_ setting: DaemonSetting) -> (String, Source)? {
            if let value = flags[setting] { return (value, .flag) }
            if let value = environment[setting.environmentVariable] {
                return (value, .environment(setting.environmentVariable))
            }
            if let (path, values) = file, let value = values[setting.rawValue] {
                return (value, .file(path, key: setting.rawValue))
            }
            return setting.defaultValue.map { ($0, .defaultValue) }
        }
        let reader = SettingReader(lookup: lookup)

        let listen = try reader.address(.listen)
        let tlsMinVersion = try reader.choice(.tlsMinVersion, ["1.2": TLSVersion.v1_2, "1.3": .v1_3])
        var tls = TLSConfiguration.server(
            certificateChainPath: try reader.string(.tlsCert),
            privateKeyPath: try reader.string(.tlsKey),
            trustRootsPath: try reader.string(.tlsCA)
        )
        tls.minimumVersion = tlsMinVersion
        let policy = try reader.load(.policy, AccessPolicy.load(path:))
        var server = ServerConfiguration(listenAddress: listen, tls: tls, accessPolicy: policy)
        server.plaintextListenAddress = try reader.optionalAddress(.plaintextListen)
        if let plaintext = server.plaintextListenAddress, !plaintext.isLoopback {
            throw reader.fail(.plaintextListen, "the plaintext listener may only use a loopback address")
        }
        server.plaintextIdentity = try reader.string(.plaintextIdentity)
        server.limits.maxFrameSize = try reader.size(.maxFrameSize, minimum: WireLimits.minimumMaxFrameSize)
        server.limits.maxConcurrentCallsPerConnection = try reader.count(.maxConcurrentCalls)
        server.limits.maxConnections = try reader.count(.maxConnections)
        server.limits.handshakeTimeout = try reader.duration(.handshakeTimeout)
        server.limits.idleTimeout = try reader.optionalDuration(.idleTimeout)
        server.limits.maxDeadline = try reader.optionalDuration(.maxDeadline)
        // Checked whatever the durability, so a bad value is never silently ignored.
        let fsyncInterval = try reader.duration(.fsyncInterval)

        return DaemonConfiguration(
            server: server,
            dataDirectory: try reader.string(.dataDir),
            drainTimeout: try reader.duration(.drainTimeout),
            durability: try reader.choice(
                .durability,
                [
                    "always": .always, "interval": .interval(milliseconds: Int(fsyncInterval / .milliseconds(1))),
                    "none": .none,
                ]
            ),
            repairStore: try reader.choice(.repairStore, ["true": true, "false": false]),
            logLevel: try reader.choice(
                .logLevel,
                Dictionary(uniqueKeysWithValues: Logger.Level.allCases.map { ($0.rawValue, $0) })
            ),
            logFormat: try reader.choice(.logFormat, ["text": .text, "json": .json])
        )
    }

    /// Reads a config file: a JSON object whose keys are setting names and whose values are
    /// strings, numbers or booleans.
    private static func loadConfigFile(_ path: String) throws(DaemonConfigurationError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DaemonConfigurationError(description: "cannot read config file \(path)")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw DaemonConfigurationError(description: "config file \(path): \(error)")
        }
        guard case .object(let members) = json else {
            throw DaemonConfigurationError(description: "config file \(path): expected a JSON object of settings")
        }
        var values: [String: String] = [:]
        for member in members {
            guard DaemonSetting(rawValue: member.key) != nil else {
                let known = DaemonSetting.allCases.map(\.rawValue).joined(separator: ", ")
                throw DaemonConfigurationError(
                    description: "config file \(path): unknown setting \"\(member.key)\" (known: \(known))"
                )
            }
            switch member.value {
            case .string(let text): values[member.key] = text
            case .number(let text): values[member.key] = text
            case .bool(let flag): values[member.key] = flag ? "true" : "false"
            default:
                throw DaemonConfigurationError(
                    description: "config file \(path): \"\(member.key)\" must be a string, number or boolean"
                )
            }
        }
        return values
    }
}
