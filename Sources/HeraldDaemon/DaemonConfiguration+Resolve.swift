import Foundation
import HeraldProtos
import HeraldServer
import HeraldTLS
import HeraldTransport
import Logging

extension DaemonConfiguration {
    /// Where a setting's value came from, for error messages.
    enum Source: CustomStringConvertible {
        case flag
        case environment(String)
        case file(String)
        case defaultValue

        var description: String {
            switch self {
            case .flag: "flag"
            case .environment(let variable): "environment variable \(variable)"
            case .file(let path): "config file \(path)"
            case .defaultValue: "default"
            }
        }
    }

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
            if let (path, values) = file, let value = values[setting.rawValue] { return (value, .file(path)) }
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
        let policyPath = try reader.string(.policy)
        let policy: AccessPolicy
        do {
            policy = try AccessPolicy.load(path: policyPath)
        } catch {
            throw DaemonConfigurationError(description: "--policy: \(error)")
        }
        var server = ServerConfiguration(listenAddress: listen, tls: tls, accessPolicy: policy)
        server.plaintextListenAddress = try reader.optionalAddress(.plaintextListen)
        if let plaintext = server.plaintextListenAddress, !plaintext.isLoopback {
            throw DaemonConfigurationError(
                description: "--plaintext-listen \(plaintext): the plaintext listener may only use a loopback address"
            )
        }
        server.plaintextIdentity = try reader.string(.plaintextIdentity)
        server.limits.maxFrameSize = try reader.size(.maxFrameSize, minimum: 16 * 1024)
        server.limits.maxConcurrentCallsPerConnection = try reader.count(.maxConcurrentCalls)
        server.limits.maxConnections = try reader.count(.maxConnections)
        server.limits.handshakeTimeout = try reader.duration(.handshakeTimeout, allowZero: false) ?? .seconds(10)
        server.limits.idleTimeout = try reader.duration(.idleTimeout, allowZero: true)
        server.limits.maxDeadline = try reader.duration(.maxDeadline, allowZero: true)

        return DaemonConfiguration(
            server: server,
            dataDirectory: try reader.string(.dataDir),
            drainTimeout: try reader.duration(.drainTimeout, allowZero: false) ?? .seconds(30),
            durability: try reader.choice(.durability, ["always": .always, "interval": .interval, "none": .none]),
            fsyncInterval: try reader.duration(.fsyncInterval, allowZero: false) ?? .milliseconds(10),
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

/// Parses setting values, naming the setting and source in every error.
private struct SettingReader {
    let lookup: (DaemonSetting) -> (String, DaemonConfiguration.Source)?

    private func fail(
        _ setting: DaemonSetting,
        _ value: String,
        _ source: DaemonConfiguration.Source,
        _ problem: String
    )
        -> DaemonConfigurationError
    {
        DaemonConfigurationError(description: "--\(setting.rawValue) \"\(value)\" (from \(source)): \(problem)")
    }

    func string(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> String {
        guard let (value, _) = lookup(setting), !value.isEmpty else {
            throw DaemonConfigurationError(
                description: "--\(setting.rawValue) is required (or set \(setting.environmentVariable))"
            )
        }
        return value
    }

    func address(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress {
        guard let address = try optionalAddress(setting) else {
            throw DaemonConfigurationError(description: "--\(setting.rawValue) is required")
        }
        return address
    }

    func optionalAddress(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress? {
        guard let (value, source) = lookup(setting), !value.isEmpty else { return nil }
        do {
            return try SocketAddress(parsing: value)
        } catch {
            throw fail(setting, value, source, error.description)
        }
    }

    func choice<T>(_ setting: DaemonSetting, _ choices: [String: T]) throws(DaemonConfigurationError) -> T {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        guard let choice = choices[value.lowercased()] else {
            throw fail(setting, value, source, "expected one of \(choices.keys.sorted().joined(separator: ", "))")
        }
        return choice
    }

    func count(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Int {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        guard let count = Int(value), count > 0 else {
            throw fail(setting, value, source, "expected a positive whole number")
        }
        return count
    }

    /// Bytes, optionally with a KiB or MiB suffix.
    func size(_ setting: DaemonSetting, minimum: Int) throws(DaemonConfigurationError) -> Int {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        var number = Substring(value)
        var unit = 1
        for (suffix, multiplier) in [("KiB", 1 << 10), ("MiB", 1 << 20)] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            unit = multiplier
        }
        guard let count = Int(number), count > 0, count * unit >= minimum else {
            throw fail(setting, value, source, "expected a size of at least \(minimum) bytes (e.g. 4MiB)")
        }
        return count * unit
    }

    /// A duration like `250ms`, `10s`, `5m`; nil when `allowZero` and the value is 0.
    func duration(_ setting: DaemonSetting, allowZero: Bool) throws(DaemonConfigurationError) -> Duration? {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        let units: [(String, Duration)] = [
            ("ms", .milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60)), ("h", .seconds(3600)),
        ]
        for (suffix, unit) in units where value.hasSuffix(suffix) {
            if let amount = Int(value.dropLast(suffix.count)), amount >= 0 {
                if amount == 0 {
                    guard allowZero else { throw fail(setting, value, source, "must be more than 0") }
                    return nil
                }
                return unit * amount
            }
        }
        if value == "0" && allowZero { return nil }
        throw fail(setting, value, source, "expected a duration such as 250ms, 10s or 5m")
    }
}
