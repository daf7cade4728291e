import Foundation
import Synchronization
import Testing

@testable import HeraldBenchSupport

@Suite struct LoadDriverTests {
    /// A configuration small enough that every test finishes in milliseconds on an idle machine.
    /// Runs stop by call count, not by the clock: the measured period is long, because the whole
    /// suite shares two cores and a loop may get no time at all for seconds.
    private func configuration(
        connections: Int = 2,
        concurrency: Int = 3,
        warmup: Duration = .zero,
        duration: Duration = .seconds(300),
        maxCalls: Int = 500
    ) -> LoadConfiguration {
        LoadConfiguration(
            connections: connections,
            concurrency: concurrency,
            payloadBytes: 200,
            warmup: warmup,
            duration: duration,
            maxCalls: maxCalls,
            drainTimeout: .seconds(1)
        )
    }

    @Test func stopsAtMaxCallsAndUsesEveryConnection() async throws {
        let perConnection = CallCounters(count: 2)
        let opened = Mutex<[Int]>([])
        let driver = LoadDriver(configuration: self.configuration(maxCalls: 500))
        let result = try await driver.run(stack: "fake") { index in
            opened.withLock { $0.append(index) }
            return {
                perConnection.increment(index)
                await Task.yield()  // Like real I/O: lets the other loops run.
            }
        }
        #expect(result.calls == 500)
        #expect(result.errors == 0)
        #expect(result.errorCounts.isEmpty)
        #expect(result.stack == "fake")
        #expect(result.connections == 2)
        #expect(result.concurrency == 3)
        #expect(result.payloadBytes == 200)
        #expect(result.durationSeconds < 300, "stopped by the call count, not the period")
        #expect(result.callsPerSecond > 0)
        #expect(result.p50Micros <= result.p90Micros)
        #expect(result.p90Micros <= result.p99Micros)
        #expect(result.p99Micros <= result.maxMicros)
        #expect(opened.withLock { $0.sorted() } == [0, 1])
        #expect(perConnection.value(0) > 0)
        #expect(perConnection.value(1) > 0)
        #expect(result.serverCPUSeconds == nil)
        #expect(result.serverCPUMicrosPerCall == nil)
        #expect(result.loadGeneratorCPUMicrosPerCall != nil)
        #expect(result.otherCPUSeconds != nil)
        #expect(result.cores != nil)
    }

    /// Only that the run stops by itself once its duration is over is asserted: how many calls
    /// fit in a short window depends on how busy the machine is (the whole suite runs in
    /// parallel on two cores), so a count would make the test flaky.
    @Test func stopsAfterTheDuration() async throws {
        let configuration = self.configuration(duration: .milliseconds(50), maxCalls: .max)
        let result = try await LoadDriver(configuration: configuration).run(stack: "fake") { _ in
            { await Task.yield() }
        }
        #expect(result.durationSeconds >= 0.05)
        #expect(result.errors == 0)
    }

    @Test func countsErrorsByDescription() async throws {
        let counter = CallCounters(count: 1)
        let driver = LoadDriver(configuration: self.configuration(connections: 1, maxCalls: 100))
        let result = try await driver.run(stack: "fake") { _ in
            {
                if counter.increment(0) % 2 == 0 { throw FakeError(reason: "boom") }
            }
        }
        #expect(result.calls + result.errors == 100)
        #expect(result.errors > 0)
        #expect(result.calls > 0)
        #expect(result.errorCounts == ["FakeError(reason: \"boom\")": result.errors])
    }

    /// Calls that complete before the warm-up ends are counted apart and never enter the
    /// results; those completing in the measured period do; the period's end stops the run.
    /// Checked on the recorder with explicit instants, so machine load cannot change it.
    @Test func doesNotRecordTheWarmup() {
        let start = ContinuousClock.now
        let warmupEnd = start + .milliseconds(100)
        let recorder = LoadRecorder(warmupEnd: warmupEnd, periodEnd: warmupEnd + .milliseconds(100), maxCalls: .max)
        #expect(recorder.record(start: start, end: start + .milliseconds(50), failure: nil))
        #expect(recorder.record(start: start, end: start + .milliseconds(99), failure: nil))
        #expect(recorder.record(start: start + .milliseconds(90), end: warmupEnd + .milliseconds(10), failure: nil))
        #expect(recorder.record(start: warmupEnd, end: warmupEnd + .milliseconds(20), failure: FakeError(reason: "x")))
        #expect(!recorder.record(start: warmupEnd, end: warmupEnd + .milliseconds(150), failure: nil))
        let snapshot = recorder.snapshot()
        #expect(snapshot.warmupCalls == 2)
        #expect(snapshot.calls == 1)
        #expect(snapshot.errors == 1)
        #expect(snapshot.phase == .finished)
    }

    @Test func samplesTheServerCPU() async throws {
        let driver = LoadDriver(configuration: self.configuration(maxCalls: 200))
        let result = try await driver.run(stack: "fake", serverPID: getpid()) { _ in { await Task.yield() } }
        let serverCPU = try #require(result.serverCPUSeconds)
        #expect(serverCPU >= 0)
        #expect(result.serverCPUMicrosPerCall != nil)
    }

    @Test func rejectsAMissingServer() async throws {
        let driver = LoadDriver(configuration: self.configuration())
        await #expect(throws: BenchmarkError.self) {
            try await driver.run(stack: "fake", serverPID: Int32.max) { _ in {} }
        }
    }

    @Test func endsWithTheFactorysError() async throws {
        let driver = LoadDriver(configuration: self.configuration())
        await #expect(throws: FakeError(reason: "no connection")) {
            try await driver.run(stack: "fake") { _ in throw FakeError(reason: "no connection") }
        }
    }

    @Test(arguments: [
        LoadConfiguration(connections: 0, concurrency: 1, payloadBytes: 0),
        LoadConfiguration(connections: 1, concurrency: 0, payloadBytes: 0),
        LoadConfiguration(connections: 1, concurrency: 1, payloadBytes: 0, duration: .zero),
        LoadConfiguration(connections: 1, concurrency: 1, payloadBytes: 0, maxCalls: 0),
    ])
    func rejectsABadConfiguration(_ configuration: LoadConfiguration) async throws {
        await #expect(throws: BenchmarkError.self) {
            try await LoadDriver(configuration: configuration).run(stack: "fake") { _ in {} }
        }
    }
}
