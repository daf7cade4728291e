import HeraldTestSupport
import Testing

/// The `herald` CLI against a real heraldd process.
@Suite struct CommandLineTests {
    private static func environment(_ certificates: TestCertificates, _ address: String) -> [String: String] {
        [
            "HERALD_SERVER": address,
            "HERALD_CERT": certificates.uriClient.certificatePath,
            "HERALD_KEY": certificates.uriClient.privateKeyPath,
            "HERALD_CA": certificates.caPath,
            "HERALD_SERVER_NAME": "localhost",
            "HERALD_TENANT": "acme",
        ]
    }

    @Test func healthCallAndErrorsEndToEnd() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: Policies.uriAdmin)
        let environment = Self.environment(certificates, address)

        let health = try await CommandRunner.run("herald", ["health"], environment: environment)
        #expect(health.status == 0, "\(health.errorOutput)")
        #expect(health.output.hasPrefix("SERVING"))

        let healthJSON = try await CommandRunner.run("herald", ["health", "--json"], environment: environment)
        #expect(healthJSON.output.contains("\"status\": \"SERVING_STATUS_SERVING\""))

        let echo = try await CommandRunner.run(
            "herald",
            ["call", "HealthService/Echo", "--data", #"{"payload": "aGVyYWxk"}"#],
            environment: environment
        )
        #expect(echo.status == 0, "\(echo.errorOutput)")
        #expect(echo.output.contains(#""payload": "aGVyYWxk""#))

        let fromStandardInput = try await CommandRunner.run(
            "herald",
            ["call", "herald.v1.HealthService/Echo", "--data", "-"],
            environment: environment,
            input: #"{"payload": "aGk="}"#
        )
        #expect(fromStandardInput.output.contains("aGk="))

        // INVALID_ARGUMENT (3) → exit status 13, with the field violation printed.
        let invalid = try await CommandRunner.run(
            "herald",
            ["call", "HealthService/Echo", "--data", #"{"delayMs": 99999}"#],
            environment: environment
        )
        #expect(invalid.status == 13)
        #expect(invalid.errorOutput.contains("INVALID_ARGUMENT"))
        #expect(invalid.errorOutput.contains("delay_ms:"))

        let typo = try await CommandRunner.run(
            "herald",
            ["call", "HealthService/Echo", "--data", #"{"paylod": "aGk="}"#],
            environment: environment
        )
        #expect(typo.status == 64)
        #expect(typo.errorOutput.contains("paylod"))

        let unknownMethod = try await CommandRunner.run(
            "herald",
            ["call", "HealthService/Nope"],
            environment: environment
        )
        #expect(unknownMethod.status == 64)

        #expect(await heraldd.stop() == 0)

        // The server is gone: UNAVAILABLE (14) → 24.
        let down = try await CommandRunner.run("herald", ["health", "--timeout", "2s"], environment: environment)
        #expect(down.status == 24)
        #expect(down.errorOutput.contains("UNAVAILABLE"))
    }

    @Test func describeAndMethodsWorkOffline() async throws {
        let describe = try await CommandRunner.run("herald", ["describe", "ContactService/CreateContact"])
        #expect(describe.status == 0)
        #expect(describe.output.contains("herald.v1.CreateContactRequest"))
        #expect(describe.output.contains("access: write"))
        let methods = try await CommandRunner.run("herald", ["methods"])
        #expect(methods.output.contains("/herald.v1.RuleService/Resolve"))
    }

    @Test func heralddRefusesBadSettingsClearly() async throws {
        let result = try await CommandRunner.run(
            "heraldd",
            ["--tls-cert", "/nonexistent/server.pem", "--policy", "/nonexistent/policy.json"]
        )
        #expect(result.status == 64, "bad usage")
        #expect(result.errorOutput.contains("/nonexistent/policy.json"))
        let badListen = try await CommandRunner.run("heraldd", ["--listen", "localhost:http"])
        #expect(badListen.status == 64, "bad usage")
        #expect(badListen.errorOutput.contains("--listen"))
    }
}
