import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A benchmark server started as a child process, known once it has printed its
/// ``ListeningAnnouncement`` on standard output.
///
/// The child's standard output is read until the announcement; every other line, before and after,
/// is copied to this process's standard error. Its standard input and error are inherited. The
/// child starts with no signals blocked, so SIGTERM stops it even when launched from async code.
///
/// > Warning: Call ``terminate(timeout:)`` when done; the child is not stopped on `deinit`.
public final class ServerProcess: Sendable {
    private let child: ChildProcess

    /// Where the server listens, and the pid it reported.
    public let announcement: ListeningAnnouncement

    /// The child's process id.
    public var pid: Int32 { self.child.pid }

    private init(child: ChildProcess, announcement: ListeningAnnouncement) {
        self.child = child
        self.announcement = announcement
    }

    /// The absolute path of the running executable, from `/proc/self/exe`.
    ///
    /// - Throws: ``BenchmarkError`` if the link cannot be read.
    public static func currentExecutablePath() throws -> String {
        do {
            return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            throw BenchmarkError("cannot read /proc/self/exe: \(error)")
        }
    }

    /// Starts `executable` with `arguments` and waits for its announcement line.
    ///
    /// - Parameters:
    ///   - executable: The path of the server executable.
    ///   - arguments: Its arguments.
    ///   - startTimeout: How long to wait for the announcement before killing the child.
    /// - Returns: The running server.
    /// - Throws: ``BenchmarkError`` if it cannot be started, exits, or does not announce itself
    ///   within `startTimeout`.
    public static func launch(
        executable: String,
        arguments: [String],
        startTimeout: Duration = .seconds(30)
    ) async throws -> ServerProcess {
        let child = try ChildProcess.spawn(executable: executable, arguments: arguments)
        let announced = Mutex(false)
        let watchdog = Task {
            try await Task.sleep(for: startTimeout)
            if !announced.withLock({ $0 }) { child.send(SIGKILL) }
        }
        defer { watchdog.cancel() }

        let announcement = await Self.readAnnouncement(from: child) {
            announced.withLock { $0 = true }
        }
        guard let announcement else {
            child.send(SIGKILL)
            let code = await child.waitForExit(timeout: .seconds(5))
            throw BenchmarkError(
                "\(executable) exited (\(code.map { "code \($0)" } ?? "still running")) before printing "
                    + "'listening on HOST:PORT pid PID' (waited at most \(startTimeout))"
            )
        }
        return ServerProcess(child: child, announcement: announcement)
    }

    /// Stops the server: SIGTERM, then SIGKILL if it has not exited within `timeout`.
    ///
    /// - Parameter timeout: How long to wait after SIGTERM.
    /// - Returns: The child's exit code (128 + signal number if a signal ended it).
    @discardableResult
    public func terminate(timeout: Duration = .seconds(10)) async -> Int32 {
        self.child.send(SIGTERM)
        if let code = await self.child.waitForExit(timeout: timeout) { return code }
        self.child.send(SIGKILL)
        return await self.child.waitForExit(timeout: .seconds(10)) ?? 128 + SIGKILL
    }

    /// Reads lines from the child's output on a thread of its own until one is an announcement
    /// (returned) or the output ends (`nil`). Other lines, and everything after the announcement, are
    /// copied to standard error until the output ends.
    ///
    /// The blocking reads run on a `Thread`, not a Dispatch queue: Dispatch's global queues share
    /// their few threads with Swift concurrency, and a read blocked there stalls every task.
    private static func readAnnouncement(
        from child: ChildProcess,
        onAnnounced: @escaping @Sendable () -> Void
    ) async -> ListeningAnnouncement? {
        await withCheckedContinuation { continuation in
            let reader = Thread {
                var pending: [UInt8] = []
                var found = false
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(child.outputDescriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    if found {
                        Self.writeToStandardError(buffer[..<count])
                        continue
                    }
                    pending.append(contentsOf: buffer[..<count])
                    while !found, let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        if let announcement = ListeningAnnouncement(line: line) {
                            found = true
                            onAnnounced()
                            continuation.resume(returning: announcement)
                            Self.writeToStandardError(pending[(newline + 1)...])
                        } else {
                            Self.writeToStandardError(pending[...newline])
                        }
                        pending.removeSubrange(...newline)
                    }
                }
                if !found { continuation.resume(returning: nil) }
            }
            reader.name = "ServerProcess output"
            reader.start()
        }
    }

    private static func writeToStandardError(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
