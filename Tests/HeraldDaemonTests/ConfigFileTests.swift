import HeraldDaemon
import HeraldServer
import Testing

/// The JSON config file: strings, numbers and booleans are accepted; anything else is refused
/// naming the file (and the key when there is one).
@Suite struct ConfigFileTests {
    @Test func numbersAndBooleansAreValues() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(
            #"{"max-concurrent-calls": 7, "max-frame-size": 65536, "repair-store": true, "idle-timeout": 0}"#
        )
        let configuration = try fixture.resolve(configFile: file)
        #expect(configuration.server.limits.maxConcurrentCallsPerConnection == 7)
        #expect(configuration.server.limits.maxFrameSize == 65_536)
        #expect(configuration.repairStore)
        #expect(configuration.server.limits.idleTimeout == nil)
    }

    @Test func anUnknownKeyIsNamed() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(#"{"listen": "127.0.0.1:1", "max-frame": "4MiB"}"#)
        let message = try #require(fixture.error(configFile: file)).description
        #expect(message.hasPrefix("config file \(file): unknown setting \"max-frame\" (known: listen, data-dir,"))
        #expect(message.contains("max-frame-size"))
    }

    @Test func aValueOfTheWrongTypeIsNamed() throws {
        let fixture = try SettingsFixture()
        let file = try fixture.configFile(#"{"listen": ["127.0.0.1:1"]}"#)
        #expect(
            fixture.error(configFile: file)?.description
                == "config file \(file): \"listen\" must be a string, number or boolean"
        )
    }

    @Test func aFileThatIsNotAnObjectOrMissingIsNamed() throws {
        let fixture = try SettingsFixture()
        let array = try fixture.configFile(#"["listen"]"#)
        #expect(
            fixture.error(configFile: array)?.description
                == "config file \(array): expected a JSON object of settings"
        )
        let broken = try fixture.configFile(#"{"listen": "#)
        #expect(fixture.error(configFile: broken)?.description.hasPrefix("config file \(broken): ") == true)
        #expect(
            fixture.error(configFile: "/nonexistent/heraldd.json")?.description
                == "cannot read config file /nonexistent/heraldd.json"
        )
    }
}
