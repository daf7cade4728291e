import Foundation

/// Runs a built executable (such as the `herald` CLI) to completion, with a time limit.
public enum CommandRunner {
    /// What a finished command printed and returned.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errorOutput: String
    }

    /// Runs `executable` from the build directory with `arguments` and extra `environment`.
    ///
    /// - Throws: when it cannot start, or runs longer than `timeout` (it is then killed).
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try HeraldProcess.executable(executable))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERALD_") }
            .merging(environment) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        async let outputData = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        async let errorData = Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
        let (stdout, stderr) = await (outputData, errorData)
        process.waitUntilExit()
        let timedOut = watchdog.isCancelled == false && process.terminationReason == .uncaughtSignal
        watchdog.cancel()
        if timedOut {
            throw HeraldProcess.Failure(description: "\(executable) \(arguments) did not finish within \(timeout)")
        }
        return Result(
            status: process.terminationStatus,
            output: String(decoding: stdout, as: UTF8.self),
            errorOutput: String(decoding: stderr, as: UTF8.self)
        )
    }
}
