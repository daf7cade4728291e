public import HeraldTLS
public import HeraldTransport
import HeraldWire

/// How a ``HeraldChannel`` reaches a server.
public struct ClientConfiguration: Sendable {
    /// The server's address.
    public var serverAddress: SocketAddress
    /// The client certificate and key, the CA that signed the server's certificate, and the
    /// name to verify in it: when ``TLSConfiguration/serverName`` is nil,
    /// ``init(serverAddress:tls:)`` sets the address's host (an IP address, which the
    /// certificate must then carry as an IP SAN).
    public var tls: TLSConfiguration
    /// Speak without TLS (only to a plaintext loopback listener behind a mesh sidecar).
    public var plaintext = false
    /// The tenant calls act on when their ``CallOptions`` name none.
    public var defaultTenant: String?
    /// How many connections to spread calls over.
    public var connectionCount = 1
    /// The deadline of calls whose options set none. nil = none.
    public var defaultTimeout: Duration? = .seconds(30)
    /// How long connecting (TCP, TLS, settings) may take.
    public var connectTimeout = Duration.seconds(10)
    /// Retries of calls that are safe to repeat.
    public var retry = RetryPolicy()
    /// The largest reply frame accepted.
    public var maxFrameSize = WireLimits.defaultMaxFrameSize
    /// Sent in `Settings.implementation_name`.
    public var implementationName = "herald-swift-client"
    /// Which threads the connections' socket I/O runs on.
    public var ioThreads = IOThreads.dedicated

    public init(serverAddress: SocketAddress, tls: TLSConfiguration) {
        self.serverAddress = serverAddress
        self.tls = tls
        if tls.serverName == nil { self.tls.serverName = serverAddress.host }
    }
}

/// Which threads a channel's connections read and write their sockets on.
public enum IOThreads: Sendable, Hashable {
    /// Threads of their own (Dispatch overcommit threads): the I/O never waits for the callers'
    /// tasks, which suits many concurrent calls. A reply reaches its waiting task through one
    /// more thread wake-up.
    case dedicated
    /// The threads Swift's tasks run on (Dispatch's default global queue): the thread that reads
    /// a reply goes straight on to the waiting task, so a lone call returns sooner (docs/
    /// PERFORMANCE.md: p50 about 40 % lower with one call at a time), but under many concurrent
    /// calls the I/O competes with the callers for those threads (about 30 % fewer calls/s at
    /// 4 connections × 64 calls). For callers that make one call at a time.
    case shared
}

/// When and how a failed call is tried again.
///
/// A call is retried only when the server answered UNAVAILABLE (or the connection failed), and
/// only if repeating it is safe: the method has no side effects or is idempotent, the call
/// carries an idempotency key, or the server said it did not process it (goaway).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included; 1 disables retries.
    public var maxAttempts = 3
    /// The wait before the first retry; it doubles each time, up to ``maximumBackoff``, with
    /// up to 20 % random jitter. A server's retry-after advice wins when longer.
    public var initialBackoff = Duration.milliseconds(50)
    public var maximumBackoff = Duration.seconds(2)

    public init() {}
}
