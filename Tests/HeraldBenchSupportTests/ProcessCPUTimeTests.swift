import Foundation
import HeraldBenchSupport
import Testing

@Suite struct ProcessCPUTimeTests {
    @Test func parsesUtimeAndStimeAfterAnAwkwardCommandName() throws {
        let line =
            "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 3 0 "
            + "123456 1000000 500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n"
        let time = try ProcessCPUTime.parse(stat: line, ticksPerSecond: 100)
        #expect(time.userSeconds == 2.5)
        #expect(time.systemSeconds == 0.75)
        #expect(time.totalSeconds == 3.25)
    }

    @Test(arguments: ["", "4242 no parentheses", "4242 (short) S 1 2 3"])
    func rejectsWhatIsNotAStatLine(_ line: String) {
        #expect(throws: BenchmarkError.self) { try ProcessCPUTime.parse(stat: line, ticksPerSecond: 100) }
    }

    @Test func subtractsReadings() {
        let later = ProcessCPUTime(userSeconds: 3, systemSeconds: 1.5)
        let earlier = ProcessCPUTime(userSeconds: 1, systemSeconds: 0.5)
        #expect(later - earlier == ProcessCPUTime(userSeconds: 2, systemSeconds: 1))
    }

    @Test func readsThisProcess() throws {
        let viaSelf = try ProcessCPUTime.readCurrentProcess()
        let viaPID = try ProcessCPUTime.read(pid: getpid())
        #expect(viaSelf.totalSeconds >= 0)
        #expect(viaPID.totalSeconds >= viaSelf.totalSeconds)
        #expect(ProcessCPUTime.ticksPerSecond > 0)
    }
}
