import Foundation
import HeraldBenchSupport
import Testing

@Suite struct ServerProcessTests {
    @Test func waitsForTheAnnouncementAndTerminates() async throws {
        let server = try await ServerProcess.launch(
            executable: "/bin/sh",
            arguments: ["-c", "echo starting; echo \"listening on 127.0.0.1:1234 pid $$\"; exec sleep 30"],
            startTimeout: .seconds(60)  // Generous: the whole suite shares two cores.
        )
        #expect(server.announcement.port == 1234)
        #expect(server.announcement.pid == server.pid)
        // SIGTERM stopped it, not the SIGKILL that follows when it has not exited in time.
        #expect(await server.terminate(timeout: .seconds(30)) == 128 + SIGTERM)
    }

    @Test func failsWhenTheServerExitsWithoutAnnouncing() async throws {
        await #expect(throws: BenchmarkError.self) {
            try await ServerProcess.launch(executable: "/bin/sh", arguments: ["-c", "echo nope; exit 3"])
        }
    }

    /// The start timeout (200 ms), not the child's hour-long sleep, ends the wait.
    @Test(.timeLimit(.minutes(1)))
    func failsWhenTheServerNeverAnnounces() async throws {
        await #expect(throws: BenchmarkError.self) {
            try await ServerProcess.launch(
                executable: "/bin/sh",
                arguments: ["-c", "exec sleep 3600"],
                startTimeout: .milliseconds(200)
            )
        }
    }

    @Test func findsItsOwnExecutable() throws {
        #expect(try ServerProcess.currentExecutablePath().hasPrefix("/"))
    }
}
