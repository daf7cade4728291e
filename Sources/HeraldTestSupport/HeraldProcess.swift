public import Foundation
import HeraldBenchSupport
import Synchronization

/// A real `heraldd` process for tests: started from the build directory with the test
/// certificates, a policy and a data directory, on a free port; stopped with a signal.
public final class HeraldProcess: Sendable {
    /// Why the process could not be used.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private struct State {
        var log = ""
        var output = ""
        var exitStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// The directory holding heraldd's data directory and policy: the one given to ``start``, or
    /// the temporary one it made, which is deleted once heraldd has exited.
    public let directory: String
    /// The data directory given to heraldd, `<directory>/data`.
    public var dataDirectory: String { (directory as NSString).appendingPathComponent("data") }
    /// The directory ``start`` made, deleted when heraldd exits.
    private let temporaryDirectory: TemporaryDirectory?
    private let process: Process
    private let state = Mutex(State())

    /// The directory holding the built executables (the test runner's own directory).
    private static var buildDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The path of a built executable such as `heraldd` or `herald`.
    public static func executable(_ name: String) throws -> String {
        let path = buildDirectory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) is missing: build with `swift build --build-tests` first")
        }
        return path
    }

    /// The test runner's environment without its `HERALD_*` variables (so heraldd's settings come
    /// only from what the test passes), plus `extra`.
    static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERALD_") }
            .merging(extra) { _, new in new }
    }

    /// Makes `directory` (holding the data directory and the policy) and writes `policy` into it.
    ///
    /// - Returns: heraldd's options for listening on 127.0.0.1 port 0 with the test
    ///   certificates, that policy and `<directory>/data`.
    public static func prepare(
        certificates: TestCertificates,
        policy: String,
        directory: String
    ) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let policyPath = (directory as NSString).appendingPathComponent("policy.json")
        try Data(policy.utf8).write(to: URL(fileURLWithPath: policyPath))
        return [
            "--listen", "127.0.0.1:0",
            "--data-dir", (directory as NSString).appendingPathComponent("data"),
            "--tls-cert", certificates.server.certificatePath,
            "--tls-key", certificates.server.privateKeyPath,
            "--tls-ca", certificates.caPath,
            "--policy", policyPath,
        ]
    }

    /// Starts heraldd on 127.0.0.1 port 0 and waits (bounded) until it reports it is ready.
    ///
    /// - Parameters:
    ///   - certificates: the test certificates (server certificate and CA).
    ///   - policy: the access policy as JSON (written next to the data directory).
    ///   - directory: holds the data directory and the policy. By default a fresh temporary one,
    ///     deleted once heraldd has exited; to test persistence, pass one (such as a
    ///     ``TemporaryDirectory``) and start again with it.
    ///   - arguments: more heraldd options.
    ///   - environment: more environment variables (e.g. `HERALD_CRASH_POINT`).
    /// - Returns: the running process and the address it listens on.
    public static func start(
        certificates: TestCertificates,
        policy: String,
        directory: String? = nil,
        arguments: [String] = [],
        environment: [String: String] = [:]
    ) async throws -> (process: HeraldProcess, address: String) {
        let temporary = directory == nil ? try TemporaryDirectory("heraldd") : nil
        let process = Process()
        let herald = HeraldProcess(process: process, directory: directory ?? temporary!.path, temporary: temporary)
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        do {
            let standardArguments = try prepare(certificates: certificates, policy: policy, directory: herald.directory)
            process.executableURL = URL(fileURLWithPath: try executable("heraldd"))
            process.arguments = standardArguments + arguments
            process.environment = childEnvironment(environment)
            process.terminationHandler = { [herald] finished in herald.exited(finished.terminationStatus) }
            try process.run()
        } catch {
            temporary?.remove()
            throw error
        }
        PipeReader.start(
            errors.fileHandleForReading,
            onData: { [herald] data in herald.state.withLock { $0.log += String(decoding: data, as: UTF8.self) } },
            onEnd: {}
        )
        PipeReader.start(
            output.fileHandleForReading,
            onData: { [herald] data in herald.state.withLock { $0.output += String(decoding: data, as: UTF8.self) } },
            onEnd: {}
        )
        var address: String?
        do {
            try await poll("heraldd to print its address", timeout: .seconds(60)) {
                address = herald.readyAddress()
                if address == nil, herald.exitStatus != nil {
                    throw Failure(description: "heraldd exited at start-up:\n\(herald.logText)")
                }
                return address != nil
            }
        } catch let timeout as PollTimeout {
            process.terminate()
            throw Failure(description: "\(timeout):\n\(herald.logText)")
        }
        return (herald, address!)
    }

    private init(process: Process, directory: String, temporary: TemporaryDirectory?) {
        self.process = process
        self.directory = directory
        self.temporaryDirectory = temporary
    }

    private func exited(_ status: Int32) {
        // Before waking the waiters: once stop() or waitForExit() returns, the directory is gone.
        temporaryDirectory?.remove()
        let waiters = state.withLock { state in
            state.exitStatus = status
            defer { state.exitWaiters = [] }
            return state.exitWaiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// The address of the `listening on <host:port> pid <pid>` line heraldd prints on standard
    /// output once ready (whatever the log format and level).
    private func readyAddress() -> String? {
        let output = state.withLock { $0.output }
        // Only whole lines: the last piece may still be being written.
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .lazy.compactMap(ListeningAnnouncement.init(line:)).first
            .map { "\($0.host):\($0.port)" }
    }

    /// Everything heraldd has logged so far.
    public var logText: String { state.withLock { $0.log } }

    /// Polls the log until some line satisfies `matches`, for at most `timeout`.
    ///
    /// - Returns: the first matching line, or nil when none came in time.
    public func waitForLogLine(
        timeout: Duration = .seconds(10),
        where matches: (Substring) -> Bool
    ) async throws -> String? {
        var found: String?
        do {
            try await poll("a log line", timeout: timeout) {
                // Only whole lines: the last piece may still be being written.
                let lines = logText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                found = lines.first(where: matches).map(String.init)
                return found != nil
            }
        } catch is PollTimeout {
            return nil
        }
        return found
    }

    /// The exit status, once the process has ended.
    public var exitStatus: Int32? { state.withLock { $0.exitStatus } }

    /// The process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash).
    public func send(signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit; after `timeout` it is killed (and the test will see it).
    ///
    /// - Returns: the exit status, or the signal number if it died of a signal.
    public func waitForExit(timeout: Duration = .seconds(60)) async -> Int32 {
        let watchdog = Task { [process] in
            try await Task.sleep(for: timeout)
            kill(process.processIdentifier, SIGKILL)
        }
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            let status = state.withLock { state -> Int32? in
                if let status = state.exitStatus { return status }
                state.exitWaiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Stops with SIGTERM and waits for the exit status.
    public func stop() async -> Int32 {
        send(signal: SIGTERM)
        return await waitForExit()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
