import Foundation
import HeraldDaemon
import HeraldTestSupport

/// A temporary directory holding an access policy and the config files a test writes, and
/// ``DaemonConfiguration/resolve(flags:configFile:environment:)`` with that policy.
///
/// A class so the directory goes when the test's last reference to the fixture does.
final class SettingsFixture: Sendable {
    let directory: TemporaryDirectory
    let policyPath: String

    init() throws {
        directory = try TemporaryDirectory("heraldd-settings")
        policyPath = directory.file("policy.json")
        do {
            try Data(#"{"grants": []}"#.utf8).write(to: URL(fileURLWithPath: policyPath))
        } catch {
            directory.remove()
            throw error
        }
    }

    deinit {
        directory.remove()
    }

    /// Writes `json` to a new file in the directory and returns its path.
    func configFile(_ json: String) throws -> String {
        let path = directory.file("heraldd-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A config file setting one key to a string.
    func configFile(_ setting: DaemonSetting, _ value: String) throws -> String {
        try configFile(#"{"\#(setting.rawValue)": "\#(value)"}"#)
    }

    /// Resolves with the fixture's policy (as `HERALD_POLICY` unless `environment` sets it).
    func resolve(
        flags: [DaemonSetting: String] = [:],
        configFile: String? = nil,
        environment: [String: String] = [:]
    ) throws(DaemonConfigurationError) -> DaemonConfiguration {
        var environment = environment
        if environment[DaemonSetting.policy.environmentVariable] == nil {
            environment[DaemonSetting.policy.environmentVariable] = policyPath
        }
        return try DaemonConfiguration.resolve(flags: flags, configFile: configFile, environment: environment)
    }

    /// The error resolving gives, or nil when it succeeds.
    func error(
        flags: [DaemonSetting: String] = [:],
        configFile: String? = nil,
        environment: [String: String] = [:]
    ) -> DaemonConfigurationError? {
        do {
            _ = try resolve(flags: flags, configFile: configFile, environment: environment)
            return nil
        } catch {
            return error
        }
    }
}
