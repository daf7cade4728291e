#if canImport(Glibc)
import Glibc
#endif

/// The one place system calls are made: each call goes through ``Posix/call(_:path:_:)``, which
/// retries `EINTR`, stops on descriptor misuse (a bug in the store, never an I/O condition) and
/// throws ``FileSystemError`` for everything else.
enum Posix {
    /// Runs `body` until it returns something other than -1 with `errno == EINTR`.
    ///
    /// - Parameters:
    ///   - name: the system call's name, for the error.
    ///   - path: the file or directory involved, for the error.
    ///   - body: the call; returns -1 and sets `errno` on failure.
    /// - Returns: what `body` returned.
    /// - Throws: ``FileSystemError`` carrying `name`, `path` and `errno`.
    @inline(__always)
    static func call<Result: BinaryInteger>(
        _ name: String,
        path: String,
        _ body: () -> Result
    ) throws(FileSystemError) -> Result {
        while true {
            let result = body()
            if result != -1 {
                return result
            }
            let error = errno
            switch error {
            case EINTR:
                continue
            case EBADF, EFAULT:
                preconditionFailure("\(name) \(path): descriptor misuse (errno \(error))")
            default:
                throw FileSystemError(call: name, path: path, errorNumber: error)
            }
        }
    }
}

extension Posix {
    /// Milliseconds since the Unix epoch, from the real-time clock (for names and informational
    /// timestamps only; nothing in the store's logic depends on it).
    static func wallClockMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}

extension Posix {
    /// This process's id.
    static func processIdentifier() -> Int32 {
        getpid()
    }
}

extension Posix {
    /// Blocks the calling thread for `milliseconds`.
    static func sleep(milliseconds: Int) {
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        while true {
            var request = remaining
            guard nanosleep(&request, &remaining) == -1 && errno == EINTR else { return }
        }
    }
}
