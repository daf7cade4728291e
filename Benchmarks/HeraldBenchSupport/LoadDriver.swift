/// A closed-loop load generator that works with any RPC stack.
///
/// The driver opens ``LoadConfiguration/connections`` connections by calling an injected factory
/// once per connection index; the factory returns the call to make on that connection. It then runs
/// ``LoadConfiguration/concurrency`` loops per connection, each making a call, waiting for it,
/// recording its latency and making the next. After the warm-up, the measured period runs until its
/// duration has passed or ``LoadConfiguration/maxCalls`` calls have completed in it; then every loop
/// stops by itself, and calls still in flight after ``LoadConfiguration/drainTimeout`` are cancelled.
///
/// Latencies are measured with `ContinuousClock` and kept in microseconds in an HdrHistogram. A call
/// that throws counts as an error under its description and does not enter the histogram.
///
/// If a server pid is given, the server's CPU time is read from `/proc` at the start and end of the
/// measured period; the load generator's own CPU time is always read.
///
/// ```swift
/// let driver = LoadDriver(configuration: LoadConfiguration(connections: 4, concurrency: 64, payloadBytes: 200))
/// let result = try await driver.run(stack: "herald", serverPID: pid) { index in
///     let channel = try HeraldChannel(configuration: configuration)  // one connection each
///     return { _ = try await channel.health.echo(EchoRequest(payload: payload)) }
/// }
/// print(LoadReport(results: [result]).table())
/// ```
public struct LoadDriver: Sendable {
    /// One call on one connection; it throws if the call failed.
    public typealias Call = @Sendable () async throws -> Void

    /// Opens connection number `index` (from 0) and returns the call to make on it.
    public typealias CallFactory = @Sendable (_ index: Int) async throws -> Call

    /// The shape and bounds of the run.
    public var configuration: LoadConfiguration

    /// Creates a driver.
    ///
    /// - Parameter configuration: Connections, concurrency, warm-up, duration and call limit.
    public init(configuration: LoadConfiguration) {
        self.configuration = configuration
    }

    /// Runs the load and returns what it measured.
    ///
    /// Connections are opened one after another before the warm-up starts; a factory that throws
    /// ends the run with its error. Calls are made concurrently from child tasks.
    ///
    /// - Parameters:
    ///   - stack: The name to report, e.g. `herald` or `grpc`.
    ///   - serverPID: The server process whose CPU time to sample, or `nil` to skip it.
    ///   - makeCall: Opens a connection and returns the call to make on it.
    /// - Returns: Throughput, latency percentiles, errors and CPU use of the measured period.
    /// - Throws: ``BenchmarkError`` for a bad configuration or an unreadable server `/proc` entry,
    ///   an error from `makeCall`, or `CancellationError` if the calling task is cancelled.
    public func run(
        stack: String,
        serverPID: Int32? = nil,
        makeCall: CallFactory
    ) async throws -> LoadResult {
        let configuration = self.configuration
        try configuration.validate()
        let sampler = CPUSampler(serverPID: serverPID)
        _ = try sampler.sample()  // Fails now, before any load, if the server pid is wrong.

        var calls: [Call] = []
        calls.reserveCapacity(configuration.connections)
        for index in 0..<configuration.connections {
            calls.append(try await makeCall(index))
        }

        let warmupEnd = ContinuousClock.now + configuration.warmup
        let recorder = LoadRecorder(
            warmupEnd: warmupEnd,
            periodEnd: warmupEnd + configuration.duration,
            maxCalls: configuration.maxCalls
        )
        let (before, after) = try await self.drive(
            calls: calls,
            recorder: recorder,
            sampler: sampler,
            warmupEnd: warmupEnd
        )
        return LoadResult(
            stack: stack,
            configuration: configuration,
            snapshot: recorder.snapshot(),
            serverCPU: after.server.flatMap { end in before.server.map { end - $0 } },
            loadGeneratorCPU: after.loadGenerator - before.loadGenerator,
            machineCPU: after.machine.flatMap { end in before.machine.map { end - $0 } }
        )
    }

    /// What a child task of the run reports when it ends.
    private enum Event: Sendable {
        case loopFinished
        case periodTimerFired
        case drainTimedOut
    }

    /// Runs the loops and samples CPU at both ends of the measured period.
    ///
    /// The loops themselves move from warm-up to measuring to finished by the clock (see
    /// ``LoadRecorder``); this task only wakes at the two ends to read CPU times, ends the period if
    /// no call completes to end it, and cancels calls still running after the drain timeout.
    private func drive(
        calls: [Call],
        recorder: LoadRecorder,
        sampler: CPUSampler,
        warmupEnd: ContinuousClock.Instant
    ) async throws -> (before: CPUSampler.Sample, after: CPUSampler.Sample) {
        let configuration = self.configuration
        let clock = ContinuousClock()
        let periodEnd = warmupEnd + configuration.duration

        return try await withThrowingTaskGroup(of: Event.self) { group in
            for call in calls {
                for _ in 0..<configuration.concurrency {
                    group.addTask {
                        await Self.loop(call: call, recorder: recorder, clock: clock)
                        return .loopFinished
                    }
                }
            }
            var loopsRunning = calls.count * configuration.concurrency

            try await clock.sleep(until: warmupEnd, tolerance: nil)
            let before = try sampler.sample()
            group.addTask {
                try? await clock.sleep(until: periodEnd, tolerance: nil)
                recorder.finish(at: clock.now)
                return .periodTimerFired
            }

            // The first event after the warm-up means the period is over: either its timer fired,
            // or a loop stopped because the call limit was reached or the period's end had passed.
            var after: CPUSampler.Sample?
            while loopsRunning > 0, let event = try await group.next() {
                if after == nil {
                    recorder.finish(at: clock.now)
                    after = try sampler.sample()
                    group.addTask {
                        try? await clock.sleep(for: configuration.drainTimeout, tolerance: nil)
                        return .drainTimedOut
                    }
                }
                switch event {
                case .loopFinished:
                    loopsRunning -= 1
                case .periodTimerFired:
                    break
                case .drainTimedOut:
                    group.cancelAll()
                }
            }
            group.cancelAll()
            guard let after else { throw CancellationError() }
            return (before, after)
        }
    }

    /// One closed loop: call, record, repeat until the recorder says stop.
    private static func loop(call: Call, recorder: LoadRecorder, clock: ContinuousClock) async {
        var goOn = !recorder.isFinished
        while goOn && !Task.isCancelled {
            let start = clock.now
            var failure: (any Error)?
            do {
                try await call()
            } catch {
                failure = error
            }
            goOn = recorder.record(start: start, end: clock.now, failure: failure)
            if failure != nil {
                // A call that fails at once must not starve the other loops.
                await Task.yield()
            }
        }
    }
}
