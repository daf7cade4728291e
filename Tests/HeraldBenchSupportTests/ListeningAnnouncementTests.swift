import HeraldBenchSupport
import Testing

@Suite struct ListeningAnnouncementTests {
    @Test func parsesTheLine() throws {
        let announcement = try #require(ListeningAnnouncement(line: "listening on 127.0.0.1:50051 pid 4242\n"))
        #expect(announcement == ListeningAnnouncement(host: "127.0.0.1", port: 50_051, pid: 4242))
        #expect(announcement.description == "listening on 127.0.0.1:50051 pid 4242")
        #expect(ListeningAnnouncement(line: announcement.description) == announcement)
    }

    @Test(arguments: [
        "",
        "listening on 127.0.0.1 pid 4242",
        "listening on 127.0.0.1:port pid 4242",
        "listening on 127.0.0.1:70000 pid 4242",
        "listening on 127.0.0.1:1234 pid 0",
        "listening on 127.0.0.1:1234",
        "started: listening on 127.0.0.1:1234 pid 1",
    ])
    func rejectsOtherLines(_ line: String) {
        #expect(ListeningAnnouncement(line: line) == nil)
    }
}
