import HeraldDaemon
import HeraldServer
import Testing

/// Sizes, counts and durations are refused beyond what the server can represent, instead of
/// overflowing while parsing or trapping when the first client connects (the `Settings` frame
/// carries `max_frame_size` and `max_concurrent_calls` as u32, timers count nanoseconds in 64
/// bits).
@Suite struct SettingLimitTests {
    @Test(arguments: [
        (DaemonSetting.maxFrameSize, "4294967295", true),
        (.maxFrameSize, "4294967296", false),
        (.maxFrameSize, "8192MiB", false),
        (.maxFrameSize, "9000000000000000MiB", false),
        (.maxFrameSize, "16KiB", true),
        (.maxFrameSize, "16383", false),
        (.maxConcurrentCalls, "4294967295", true),
        (.maxConcurrentCalls, "4294967296", false),
        (.maxConnections, "99999999999999999999", false),
        (.idleTimeout, "8760h", true),
        (.idleTimeout, "8761h", false),
        (.maxDeadline, "9223372036854775807h", false),
        (.handshakeTimeout, "9223372036854775807ms", false),
        (.drainTimeout, "525600m", true),
        (.fsyncInterval, "31536001s", false),
    ])
    func valuesAtTheEdges(_ setting: DaemonSetting, _ value: String, _ accepted: Bool) throws {
        let fixture = try SettingsFixture()
        let error = fixture.error(flags: [setting: value])
        if accepted {
            #expect(error == nil)
        } else {
            let message = try #require(error).description
            #expect(message.hasPrefix("--\(setting.rawValue) \"\(value)\" (from flag): "), "\(message)")
        }
    }

    @Test func theLimitsAreStated() throws {
        let fixture = try SettingsFixture()
        #expect(
            fixture.error(flags: [.maxFrameSize: "8192MiB"])?.description
                == "--max-frame-size \"8192MiB\" (from flag): expected a size from 16384 to 4294967295 bytes (e.g. 4MiB)"
        )
        #expect(
            fixture.error(flags: [.idleTimeout: "8761h"])?.description
                == "--idle-timeout \"8761h\" (from flag): must be at most 8760h"
        )
    }

    @Test func theLargestValuesResolveExactly() throws {
        let fixture = try SettingsFixture()
        let configuration = try fixture.resolve(
            flags: [.maxFrameSize: "4294967295", .maxConcurrentCalls: "4294967295", .idleTimeout: "8760h"]
        )
        #expect(configuration.server.limits.maxFrameSize == 4_294_967_295)
        #expect(configuration.server.limits.maxConcurrentCallsPerConnection == 4_294_967_295)
        #expect(configuration.server.limits.idleTimeout == .seconds(8_760 * 3_600))
    }
}
