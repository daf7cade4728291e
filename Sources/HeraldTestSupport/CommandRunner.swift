public import Foundation
import Synchronization

/// Runs a program to completion with a time limit without blocking Swift's cooperative
/// threads: output is read by ``PipeReader`` threads and the exit is awaited through the
/// termination handler, so tests that run many processes in parallel never starve the pool.
public enum CommandRunner {
    /// What a finished command printed and returned.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errorOutput: String
    }

    /// Runs a built executable (such as `herald`) from the build directory.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Result {
        try await run(
            URL(fileURLWithPath: try HeraldProcess.executable(executable)),
            arguments,
            environment: HeraldProcess.childEnvironment(environment),
            input: input,
            timeout: timeout
        )
    }

    /// Runs any program with exactly `environment`.
    ///
    /// - Throws: when it cannot start, or runs longer than `timeout` (it is then killed).
    public static func run(
        _ program: URL,
        _ arguments: [String],
        environment: [String: String],
        input: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        let collector = Collector()
        process.terminationHandler = { collector.exited($0.terminationStatus) }
        try process.run()
        PipeReader.start(
            output.fileHandleForReading,
            onData: { collector.append($0, to: \.output) },
            onEnd: collector.pipeEnded
        )
        PipeReader.start(
            errors.fileHandleForReading,
            onData: { collector.append($0, to: \.errors) },
            onEnd: collector.pipeEnded
        )
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            collector.timedOut()
            process.terminate()
        }
        let result = await collector.result()
        watchdog.cancel()
        guard !collector.didTimeOut else {
            throw HeraldProcess.Failure(
                description: "\(program.lastPathComponent) \(arguments) ran longer than \(timeout)"
            )
        }
        return result
    }

    /// Gathers output and the exit status; finishes when both pipes ended and the process exited.
    private final class Collector: Sendable {
        struct State {
            var output = Data()
            var errors = Data()
            var openPipes = 2
            var status: Int32?
            var timedOut = false
            var waiter: CheckedContinuation<Result, Never>?
        }

        private let state = Mutex(State())

        func append(_ data: Data, to path: WritableKeyPath<State, Data>) {
            finish { $0[keyPath: path].append(data) }
        }

        func pipeEnded() {
            finish { $0.openPipes -= 1 }
        }

        func exited(_ status: Int32) {
            finish { $0.status = status }
        }

        func timedOut() {
            state.withLock { $0.timedOut = true }
        }

        var didTimeOut: Bool { state.withLock { $0.timedOut } }

        func result() async -> Result {
            await withCheckedContinuation { continuation in
                finish { $0.waiter = continuation }
            }
        }

        /// Applies `change`, then resumes the waiter if everything has arrived.
        private func finish(_ change: (inout State) -> Void) {
            let ready: (CheckedContinuation<Result, Never>, Result)? = state.withLock { state in
                change(&state)
                guard state.openPipes == 0, let status = state.status, let waiter = state.waiter else { return nil }
                state.waiter = nil
                return (
                    waiter,
                    Result(
                        status: status,
                        output: String(decoding: state.output, as: UTF8.self),
                        errorOutput: String(decoding: state.errors, as: UTF8.self)
                    )
                )
            }
            if let (waiter, result) = ready { waiter.resume(returning: result) }
        }
    }
}
