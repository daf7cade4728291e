import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// heraldd's settings as the process reads them: flags, `HERALD_*` variables and the file named
/// by `HERALD_CONFIG` or `--config`, and its refusal of bad values.
@Suite struct HeralddSettingsTests {
    private static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func aFlagBeatsTheEnvironmentWhichBeatsTheConfigFile() async throws {
        let certificates = try await TestCertificates.shared()
        let temporary = try TemporaryDirectory("settings")
        defer { temporary.remove() }
        let directory = temporary.path
        let configPath = temporary.file("heraldd.json")
        try Self.write(
            """
            {"listen": "not an address", "max-frame-size": "32KiB", "log-level": "error", "idle-timeout": "300s",
             "durability": "interval", "fsync-interval": "25ms"}
            """,
            to: configPath
        )
        let (heraldd, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory,
            arguments: ["--max-frame-size", "64KiB"],
            environment: [
                "HERALD_CONFIG": configPath, "HERALD_LISTEN": "not an address either",
                "HERALD_MAX_FRAME_SIZE": "1MiB", "HERALD_LOG_LEVEL": "debug", "HERALD_IDLE_TIMEOUT": "500ms",
            ]
        )
        // listen: HeraldProcess's flag (127.0.0.1:0) beat the environment and the file, or
        // heraldd would not have started. Durability: only the file sets it.
        let opened = try await heraldd.waitForLogLine { $0.contains("Opened store") }
        #expect(opened?.contains("store.durability=interval(25 ms)") == true, "\(heraldd.logText)")

        // max-frame-size: the flag's 64 KiB, neither the environment's 1 MiB nor the file's 32 KiB.
        // Retries stay on: under load the short idle timeout may close the connection before
        // the first call, which the client then repeats on a new one.
        let channel = try HeraldChannel(
            configuration: ClientConfiguration(
                serverAddress: try SocketAddress(parsing: address),
                tls: certificates.clientConfiguration()
            )
        )
        let fits = try await channel.health.echo(EchoRequest(payload: [UInt8](repeating: 7, count: 40_000)))
        #expect(fits.payload.count == 40_000)
        let tooLarge = await #expect(throws: RPCError.self) {
            _ = try await channel.health.echo(EchoRequest(payload: [UInt8](repeating: 7, count: 100_000)))
        }
        #expect(tooLarge?.code == .resourceExhausted)
        #expect(tooLarge?.message.contains("max_frame_size 65536") == true, "\(String(describing: tooLarge))")

        // log-level and idle-timeout: the environment's debug and 500ms, not the file's error
        // and 300s — the idle connection is closed, and the debug line says so.
        let idle = try await heraldd.waitForLogLine(timeout: .seconds(20)) { $0.contains("idle timeout; closing") }
        #expect(idle?.contains(" debug ") == true, "\(heraldd.logText)")
        await channel.close()
        #expect(await heraldd.stop() == 0)
    }

    /// A bad value from each source stops heraldd before it opens anything, with exit status
    /// 64 and the message naming setting, value and source.
    @Test func aBadValueInAnySourceStopsHeralddNamingIt() async throws {
        let certificates = try await TestCertificates.shared()
        let temporary = try TemporaryDirectory("settings")
        defer { temporary.remove() }
        let directory = temporary.path
        let arguments = try HeraldProcess.prepare(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let configPath = temporary.file("heraldd.json")
        try Self.write(#"{"durability": "sometimes"}"#, to: configPath)

        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (
                ["--idle-timeout", "10 parsecs"], [:],
                #"--idle-timeout "10 parsecs" (from flag): expected a duration such as 250ms, 10s or 5m"#
            ),
            (
                [], ["HERALD_MAX_FRAME_SIZE": "4XB"],
                #"--max-frame-size "4XB" (from environment variable HERALD_MAX_FRAME_SIZE): "#
                    + "expected a size in bytes, or with KiB or MiB (e.g. 4MiB)"
            ),
            (
                ["--config", configPath], [:],
                #"--durability "sometimes" (from config file \#(configPath), key "durability"): "#
                    + "expected one of always, interval, none"
            ),
            (
                [], ["HERALD_CONFIG": configPath],
                #"--durability "sometimes" (from config file \#(configPath), key "durability"): "#
            ),
            (
                [], ["HERALD_LOG_LEVEL": "loud"],
                #"--log-level "loud" (from environment variable HERALD_LOG_LEVEL): expected one of critical, "#
            ),
            // Accepted before, then trapped converting to the u32 of the Settings frame when the
            // first client connected.
            (
                ["--max-frame-size", "8192MiB"], [:],
                #"--max-frame-size "8192MiB" (from flag): expected a size from 16384 to 4294967295 bytes"#
            ),
        ]
        for entry in cases {
            let result = try await CommandRunner.run(
                "heraldd",
                arguments + entry.arguments,
                environment: entry.environment
            )
            #expect(result.status == 64, "\(entry.arguments) \(entry.environment): \(result.errorOutput)")
            #expect(result.errorOutput.contains("Error: " + entry.message), "\(result.errorOutput)")
        }
        let dataDirectory = (directory as NSString).appendingPathComponent("data")
        #expect(!FileManager.default.fileExists(atPath: dataDirectory), "nothing was opened")
    }
}
