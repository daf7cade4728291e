import HeraldBenchSupport
import Testing

@Suite struct MachineCPUTimeTests {
    @Test func parsesTheCPULine() throws {
        let stat = """
            cpu  1000 50 300 8000 100 20 30 40 0 0
            cpu0 500 25 150 4000 50 10 15 20 0 0
            intr 12345
            """
        let time = try MachineCPUTime.parse(stat: stat, ticksPerSecond: 100)
        #expect(time.busySeconds == 14.4)  // user + nice + system + irq + softirq + steal, not idle or iowait
    }

    @Test func rejectsTextWithoutACPULine() {
        #expect(throws: BenchmarkError.self) { try MachineCPUTime.parse(stat: "intr 1\n", ticksPerSecond: 100) }
        #expect(throws: BenchmarkError.self) { try MachineCPUTime.parse(stat: "cpu  1 2 3\n", ticksPerSecond: 100) }
    }

    @Test func readsThisMachine() throws {
        let time = try MachineCPUTime.read()
        #expect(time.busySeconds > 0)
        #expect(MachineCPUTime.onlineCores >= 1)
    }
}
