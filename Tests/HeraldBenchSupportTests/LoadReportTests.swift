import Foundation
import HeraldBenchSupport
import Testing

@Suite struct LoadReportTests {
    private let grpc = LoadResult.fixture(
        stack: "grpc",
        callsPerSecond: 10_000,
        p50Micros: 1_000,
        serverCPUMicrosPerCall: 100
    )
    private let herald = LoadResult.fixture(
        stack: "herald",
        callsPerSecond: 30_000,
        p50Micros: 250,
        serverCPUMicrosPerCall: 20
    )

    @Test func dividesByTheBaseline() throws {
        let report = LoadReport(results: [self.grpc, self.herald], baseline: "grpc")
        let ratio = try #require(report.ratios.first)
        #expect(report.ratios.count == 1)
        #expect(ratio.label == "herald/grpc")
        #expect(ratio.callsPerSecond == 3)
        #expect(ratio.p50 == 0.25)
        #expect(ratio.serverCPUPerCall == 0.2)
        #expect(ratio.loadGeneratorCPUPerCall == 1)
    }

    @Test func takesTheSecondStackAsBaselineWhenThereAreTwo() throws {
        let report = LoadReport(results: [self.herald, self.grpc])
        #expect(report.ratios.map(\.label) == ["herald/grpc"])
    }

    @Test func comparesOnlyRunsOfTheSameShape() {
        let single = LoadResult.fixture(
            stack: "herald",
            connections: 1,
            concurrency: 1,
            callsPerSecond: 5_000,
            p50Micros: 80,
            serverCPUMicrosPerCall: 20
        )
        let report = LoadReport(results: [self.grpc, self.herald, single], baseline: "grpc")
        #expect(report.ratios.count == 1)
        #expect(LoadRatio(single, over: self.grpc) == nil)
    }

    @Test func leavesOutRatiosWithNothingToDivideBy() throws {
        var baseline = self.grpc
        baseline.serverCPUSeconds = nil
        baseline.p50Micros = 0
        let ratio = try #require(LoadRatio(self.herald, over: baseline))
        #expect(ratio.serverCPUPerCall == nil)
        #expect(ratio.p50 == nil)
        #expect(ratio.callsPerSecond == 3)
    }

    @Test func hasNoRatiosForOneStack() {
        #expect(LoadReport(results: [self.grpc]).ratios.isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        var failing = self.grpc
        failing.errors = 3
        failing.errorCounts = ["unavailable": 3]
        let report = LoadReport(results: [failing, self.herald], baseline: "grpc")
        let decoded = try LoadReport(json: try report.jsonData())
        #expect(decoded == report)
        let text = try report.jsonString()
        #expect(text.contains("\"callsPerSecond\" : 10000,"))
        #expect(text.contains("\"serverCPUMicrosPerCall\" : 100,"))
    }

    /// The rates in the JSON are for readers; decoding computes them from the counts and times.
    @Test func decodingRecomputesTheRates() throws {
        let text = try LoadReport(results: [self.grpc]).jsonString()
            .replacingOccurrences(of: "\"callsPerSecond\" : 10000,", with: "\"callsPerSecond\" : 1,")
        #expect(text.contains("\"callsPerSecond\" : 1,"))
        let decoded = try LoadReport(json: Data(text.utf8))
        #expect(decoded.results.first?.callsPerSecond == 10_000)
    }

    @Test func printsAnAlignedTable() throws {
        let report = LoadReport(results: [self.grpc, self.herald], baseline: "grpc")
        let lines = report.table().split(separator: "\n").map(String.init)
        try #require(lines.count == 5)  // header, rule, two results, one ratio
        #expect(lines[0].hasPrefix("stack"))
        #expect(lines[0].contains("calls/s"))
        #expect(lines[0].contains("server CPU µs/call"))
        #expect(lines[2].hasPrefix("grpc "))
        #expect(lines[3].hasPrefix("herald "))
        #expect(lines[4].hasPrefix("herald/grpc "))
        #expect(lines[4].contains("3.00x"))
        #expect(lines[4].contains("0.20x"))
        #expect(lines[2].contains("10000"))
        #expect(Set(lines.map(\.count)).count == 1)
    }

    @Test func notesARunThatSharedTheMachine() {
        var shared = self.grpc
        shared.cores = 2
        shared.otherCPUSeconds = 5  // of 2 cores × 10 s
        var quiet = self.herald
        quiet.cores = 2
        quiet.otherCPUSeconds = 0.2
        let table = LoadReport(results: [shared, quiet]).table()
        #expect(shared.otherCPUShare == 0.25)
        #expect(table.contains("note grpc 4×64: other processes used 25% of the machine's 2 cores"))
        #expect(!table.contains("note herald"))
    }

    @Test func listsErrorsUnderTheTable() {
        var failing = self.grpc
        failing.errors = 2
        failing.errorCounts = ["deadline exceeded": 2]
        let table = LoadReport(results: [failing]).table()
        #expect(table.contains("errors grpc 4×64: 2 × deadline exceeded"))
    }
}
