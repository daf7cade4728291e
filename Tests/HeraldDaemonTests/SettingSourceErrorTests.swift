import HeraldDaemon
import HeraldServer
import HeraldTransport
import Testing

/// A bad value is refused with a message naming the setting, the value and where it came from:
/// the flag, the environment variable, or the config file's path and key.
@Suite struct SettingSourceErrorTests {
    enum Origin: String, CaseIterable, Sendable {
        case flag
        case environment
        case configFile
    }

    /// A bad value of one setting and the problem the message states.
    struct BadValue: Sendable, CustomTestStringConvertible {
        var setting: DaemonSetting
        var value: String
        var problem: String

        var testDescription: String { "\(setting.rawValue) \(value)" }
    }

    static let badValues: [BadValue] = [
        BadValue(setting: .listen, value: "localhost:http", problem: "'http' in 'localhost:http' is not a port number"),
        BadValue(
            setting: .maxFrameSize,
            value: "4XB",
            problem: "expected a size in bytes, or with KiB or MiB (e.g. 4MiB)"
        ),
        BadValue(
            setting: .maxFrameSize,
            value: "8KiB",
            problem: "expected a size from 16384 to 4294967295 bytes (e.g. 4MiB)"
        ),
        BadValue(setting: .idleTimeout, value: "10 parsecs", problem: "expected a duration such as 250ms, 10s or 5m"),
        BadValue(setting: .handshakeTimeout, value: "0s", problem: "must be more than 0"),
        BadValue(
            setting: .logLevel,
            value: "loud",
            problem: "expected one of critical, debug, error, info, notice, trace, warning"
        ),
        BadValue(setting: .durability, value: "sometimes", problem: "expected one of always, interval, none"),
        BadValue(setting: .maxConnections, value: "-1", problem: "expected a whole number from 1 to 4294967295"),
        BadValue(setting: .repairStore, value: "yes", problem: "expected one of false, true"),
    ]

    @Test(arguments: badValues, Origin.allCases)
    func theMessageNamesSettingValueAndSource(_ bad: BadValue, _ origin: Origin) throws {
        let fixture = try SettingsFixture()
        let error: DaemonConfigurationError?
        let source: String
        switch origin {
        case .flag:
            error = fixture.error(flags: [bad.setting: bad.value])
            source = "flag"
        case .environment:
            error = fixture.error(environment: [bad.setting.environmentVariable: bad.value])
            source = "environment variable \(bad.setting.environmentVariable)"
        case .configFile:
            let path = try fixture.configFile(bad.setting, bad.value)
            error = fixture.error(configFile: path)
            source = "config file \(path), key \"\(bad.setting.rawValue)\""
        }
        let message = try #require(error).description
        #expect(message.hasPrefix("--\(bad.setting.rawValue) \"\(bad.value)\" (from \(source)): "), "\(message)")
        #expect(message.contains(bad.problem), "\(message)")
    }

    @Test func aPolicyThatCannotBeReadNamesItsSource() throws {
        let fixture = try SettingsFixture()
        let error = fixture.error(environment: ["HERALD_POLICY": "/nonexistent/policy.json"])
        #expect(
            error?.description
                == "--policy \"/nonexistent/policy.json\" (from environment variable HERALD_POLICY): "
                + "cannot read access policy /nonexistent/policy.json"
        )
    }

    @Test func anEmptyValueIsRefusedNamingItsSource() throws {
        let fixture = try SettingsFixture()
        #expect(
            fixture.error(environment: ["HERALD_DATA_DIR": ""])?.description
                == "--data-dir \"\" (from environment variable HERALD_DATA_DIR): must not be empty"
        )
        let file = try fixture.configFile(.listen, "")
        #expect(
            fixture.error(configFile: file)?.description
                == "--listen \"\" (from config file \(file), key \"listen\"): must not be empty"
        )
    }

    @Test func aPlaintextListenerOffLoopbackNamesItsSource() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(.plaintextListen, "0.0.0.0:8080")
        #expect(
            fixture.error(configFile: file)?.description
                == "--plaintext-listen \"0.0.0.0:8080\" (from config file \(file), key \"plaintext-listen\"): "
                + "the plaintext listener may only use a loopback address"
        )
        let loopback = try fixture.resolve(flags: [.plaintextListen: "127.0.0.1:8080"], configFile: file)
        #expect(loopback.server.plaintextListenAddress?.isLoopback == true)
    }
}
