import HeraldDaemon
import HeraldServer
import HeraldTransport
import Logging
import Testing

/// A flag wins over the environment, which wins over the config file, which wins over the
/// default — for settings of every kind.
@Suite struct SettingPrecedenceTests {
    /// One setting with a different value in each source, and how the resolved value reads.
    struct Layers: Sendable, CustomTestStringConvertible {
        var setting: DaemonSetting
        var file: String
        var environment: String
        var flag: String
        /// The resolved value with nothing set, then from the file, the environment, the flag.
        var expected: (default: String, file: String, environment: String, flag: String)
        var read: @Sendable (DaemonConfiguration) -> String
        /// Flags for other settings, given in every resolution (a setting that only matters
        /// with another one set).
        var alongside: [DaemonSetting: String] = [:]

        var testDescription: String { setting.rawValue }
    }

    private static func milliseconds(_ duration: Duration?) -> String {
        duration.map { "\(Int($0 / .milliseconds(1)))ms" } ?? "never"
    }

    static let layers: [Layers] = [
        Layers(
            setting: .listen,
            file: "127.0.0.1:7001",
            environment: "127.0.0.1:7002",
            flag: "[::1]:7003",
            expected: ("127.0.0.1:7443", "127.0.0.1:7001", "127.0.0.1:7002", "[::1]:7003"),
            read: { "\($0.server.listenAddress)" }
        ),
        Layers(
            setting: .maxFrameSize,
            file: "64KiB",
            environment: "1MiB",
            flag: "2097153",
            expected: ("4194304", "65536", "1048576", "2097153"),
            read: { "\($0.server.limits.maxFrameSize)" }
        ),
        Layers(
            setting: .idleTimeout,
            file: "30s",
            environment: "10ms",
            flag: "0",
            expected: ("300000ms", "30000ms", "10ms", "never"),
            read: { milliseconds($0.server.limits.idleTimeout) }
        ),
        Layers(
            setting: .fsyncInterval,
            file: "2m",
            environment: "250ms",
            flag: "1h",
            expected: ("interval(10 ms)", "interval(120000 ms)", "interval(250 ms)", "interval(3600000 ms)"),
            read: { "\($0.durability)" },
            alongside: [.durability: "interval"]
        ),
        Layers(
            setting: .logLevel,
            file: "warning",
            environment: "debug",
            flag: "TRACE",
            expected: ("info", "warning", "debug", "trace"),
            read: { $0.logLevel.rawValue }
        ),
        Layers(
            setting: .durability,
            file: "interval",
            environment: "none",
            flag: "always",
            expected: ("always", "interval(10 ms)", "none", "always"),
            read: { "\($0.durability)" }
        ),
        Layers(
            setting: .maxConcurrentCalls,
            file: "7",
            environment: "8",
            flag: "9",
            expected: ("100", "7", "8", "9"),
            read: { "\($0.server.limits.maxConcurrentCallsPerConnection)" }
        ),
    ]

    @Test(arguments: layers)
    func eachSourceOverridesTheOnesBelowIt(_ layers: Layers) throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(layers.setting, layers.file)
        let environment = [layers.setting.environmentVariable: layers.environment]
        let alongside = layers.alongside
        let flags = alongside.merging([layers.setting: layers.flag]) { _, new in new }

        #expect(layers.read(try fixture.resolve(flags: alongside)) == layers.expected.default)
        #expect(layers.read(try fixture.resolve(flags: alongside, configFile: file)) == layers.expected.file)
        #expect(
            layers.read(try fixture.resolve(flags: alongside, configFile: file, environment: environment))
                == layers.expected.environment
        )
        #expect(
            layers.read(try fixture.resolve(flags: flags, configFile: file, environment: environment))
                == layers.expected.flag
        )
        #expect(layers.read(try fixture.resolve(flags: flags, configFile: file)) == layers.expected.flag)
        #expect(layers.read(try fixture.resolve(flags: flags)) == layers.expected.flag)
        #expect(
            layers.read(try fixture.resolve(flags: alongside, environment: environment)) == layers.expected.environment
        )
    }

    /// Only the winning value is parsed: a bad value a higher source overrides does no harm.
    @Test func aBadValueBelowTheWinningSourceIsNotRead() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(.maxFrameSize, "lots")
        let configuration = try fixture.resolve(
            flags: [.idleTimeout: "5s"],
            configFile: file,
            environment: ["HERALD_MAX_FRAME_SIZE": "64KiB", "HERALD_IDLE_TIMEOUT": "soon"]
        )
        #expect(configuration.server.limits.maxFrameSize == 65_536)
        #expect(configuration.server.limits.idleTimeout == .seconds(5))
    }

    /// Settings a source does not mention fall through to the next one, setting by setting.
    @Test func sourcesMixPerSetting() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(#"{"log-level": "error", "durability": "none", "drain-timeout": "5s"}"#)
        let configuration = try fixture.resolve(
            flags: [.logFormat: "json"],
            configFile: file,
            environment: ["HERALD_LOG_LEVEL": "notice"]
        )
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .notice)
        #expect("\(configuration.durability)" == "none")
        #expect(configuration.drainTimeout == .seconds(5))
        #expect(configuration.server.limits.maxDeadline == .seconds(300), "the default")
    }
}
