import HeraldBenchSupport
import Testing

@Suite struct ServerProcessTests {
    @Test func waitsForTheAnnouncementAndTerminates() async throws {
        let server = try await ServerProcess.launch(
            executable: "/bin/sh",
            arguments: ["-c", "echo starting; echo \"listening on 127.0.0.1:1234 pid $$\"; exec sleep 30"],
            startTimeout: .seconds(10)
        )
        #expect(server.announcement.port == 1234)
        #expect(server.announcement.pid == server.pid)
        let started = ContinuousClock.now
        await server.terminate(timeout: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func failsWhenTheServerExitsWithoutAnnouncing() async throws {
        await #expect(throws: BenchmarkError.self) {
            try await ServerProcess.launch(executable: "/bin/sh", arguments: ["-c", "echo nope; exit 3"])
        }
    }

    @Test func failsWhenTheServerNeverAnnounces() async throws {
        let started = ContinuousClock.now
        await #expect(throws: BenchmarkError.self) {
            try await ServerProcess.launch(
                executable: "/bin/sh",
                arguments: ["-c", "exec sleep 30"],
                startTimeout: .milliseconds(200)
            )
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func findsItsOwnExecutable() throws {
        #expect(try ServerProcess.currentExecutablePath().hasPrefix("/"))
    }
}
