import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A child process started with `posix_spawn`, its standard output on a pipe.
///
/// Foundation's `Process` passes on the spawning thread's signal mask, and Swift concurrency's
/// threads block most signals, so a child started from async code would ignore SIGTERM. This type
/// starts children with an empty signal mask and default handlers instead, and reaps them with
/// `waitpid`.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: Int32

    /// The read end of the pipe connected to the child's standard output.
    let outputDescriptor: Int32

    /// The child's wait status once it has been reaped.
    private let waitStatus = Mutex<Int32?>(nil)

    private init(pid: Int32, outputDescriptor: Int32) {
        self.pid = pid
        self.outputDescriptor = outputDescriptor
    }

    deinit {
        close(self.outputDescriptor)
    }

    /// Starts `executable` with `arguments`, its standard output on a new pipe and its standard
    /// input and error inherited.
    ///
    /// - Throws: ``BenchmarkError`` with the failing call and errno.
    static func spawn(executable: String, arguments: [String]) throws -> ChildProcess {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Self.error("pipe") }
        defer { close(fds[1]) }
        // Neither end may leak into this or any other child; dup2 below gives the child its own copy.
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer {
            for argument in argv { free(argument) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            close(fds[0])
            throw BenchmarkError("posix_spawn \(executable) failed: \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid, outputDescriptor: fds[0])
    }

    /// Sends `signal` to the child unless it has been reaped.
    func send(_ signal: Int32) {
        self.waitStatus.withLock { status in
            if status == nil { _ = kill(self.pid, signal) }
        }
    }

    /// Reaps the child if it has exited, without blocking.
    ///
    /// - Returns: Its exit code (128 + signal number if a signal ended it), or `nil` while it runs.
    func exitCode() -> Int32? {
        self.waitStatus.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                let result = waitpid(self.pid, &raw, WNOHANG)
                if result == self.pid || (result == -1 && errno == ECHILD) { status = raw }
            }
            return status.map(Self.exitCode(waitStatus:))
        }
    }

    /// Waits until the child exits, checking every 10 ms, for at most `timeout`.
    ///
    /// - Returns: Its exit code, or `nil` if it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let code = self.exitCode() { return code }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The exit code `sh` would report for a `waitpid` status.
    static func exitCode(waitStatus: Int32) -> Int32 {
        let signal = waitStatus & 0x7f
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
    }

    private static func error(_ call: String) -> BenchmarkError {
        BenchmarkError("\(call) failed: \(String(cString: strerror(errno)))")
    }
}
