#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failed system call: its name, errno and (when there is one) the path or address.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var detail: String

    public init(call: String, errno: Int32, detail: String = "") {
        self.call = call
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        return detail.isEmpty ? "\(call): \(reason)" : "\(call) \(detail): \(reason)"
    }
}

/// The result of a non-blocking system call: done with a value, or it would block.
enum IOResult<T> {
    case done(T)
    case wouldBlock
}

/// Every system call the transport makes, each through ``retrying(_:_:)``: EINTR retried,
/// EAGAIN reported as ``IOResult/wouldBlock``, EBADF and EFAULT treated as programmer errors,
/// anything else thrown as ``SystemCallError``.
enum Posix {
    static func socket(domain: Int32, type: Int32) throws(SystemCallError) -> Int32 {
        try value(
            call("socket") { Glibc.socket(domain, type | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0) }
        )
    }

    static func setReuseAddress(_ fd: Int32) throws(SystemCallError) {
        try setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
    }

    static func setNoDelay(_ fd: Int32) throws(SystemCallError) {
        try setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) throws(SystemCallError) {
        var value = value
        _ = try Self.value(
            call("setsockopt") { setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
        )
    }

    static func bind(_ fd: Int32, _ address: SocketAddress) throws(SystemCallError) {
        _ = try value(call("bind", detail: address.description) { address.withSockAddr { Glibc.bind(fd, $0, $1) } })
    }

    static func listen(_ fd: Int32, backlog: Int32) throws(SystemCallError) {
        _ = try value(call("listen") { Glibc.listen(fd, backlog) })
    }

    /// Starts a non-blocking connect; ``IOResult/wouldBlock`` means in progress.
    static func connect(_ fd: Int32, _ address: SocketAddress) throws(SystemCallError) -> IOResult<Void> {
        var result: Int32 = 0
        repeat {
            result = address.withSockAddr { Glibc.connect(fd, $0, $1) }
        } while result < 0 && errno == EINTR
        if result == 0 { return .done(()) }
        if errno == EINPROGRESS { return .wouldBlock }
        throw SystemCallError(call: "connect", errno: errno, detail: address.description)
    }

    /// The pending error of a socket (after a non-blocking connect), 0 when none.
    static func socketError(_ fd: Int32) throws(SystemCallError) -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try value(call("getsockopt") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) })
        return error
    }

    /// Accepts a connection and makes it non-blocking and close-on-exec (Glibc's module does
    /// not export `accept4`).
    static func accept(_ fd: Int32) throws(SystemCallError) -> IOResult<Int32> {
        guard case .done(let accepted) = try call("accept", { Glibc.accept(fd, nil, nil) }) else { return .wouldBlock }
        _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
        let flags = fcntl(accepted, F_GETFL)
        guard fcntl(accepted, F_SETFL, flags | O_NONBLOCK) == 0 else {
            let error = SystemCallError(call: "fcntl", errno: errno)
            Posix.close(accepted)
            throw error
        }
        return .done(accepted)
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try call("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        // MSG_NOSIGNAL: a peer that went away must not kill the process with SIGPIPE.
        try call("send") { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        // close(2) must not be retried on EINTR on Linux: the descriptor is already released.
        _ = Glibc.close(fd)
    }

    static func localAddress(_ fd: Int32) throws(SystemCallError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try value(
            call("getsockname") {
                withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
            }
        )
        return SocketAddress(storage: storage)
    }

    // MARK: The one place errno is interpreted

    private static func call<T: BinaryInteger>(
        _ name: String,
        detail: String = "",
        _ body: () -> T
    ) throws(SystemCallError) -> IOResult<T> {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EBADF, EFAULT: preconditionFailure("\(name): \(String(cString: strerror(errno))) (programmer error)")
            default: throw SystemCallError(call: name, errno: errno, detail: detail)
            }
        }
    }

    /// For calls on which EAGAIN cannot happen.
    private static func value<T>(_ result: IOResult<T>) throws(SystemCallError) -> T {
        switch result {
        case .done(let value): return value
        case .wouldBlock: throw SystemCallError(call: "unexpected EAGAIN", errno: EAGAIN)
        }
    }
}
