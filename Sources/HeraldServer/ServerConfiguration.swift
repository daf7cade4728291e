public import HeraldTLS
public import HeraldTransport
import HeraldWire

/// The limits a server enforces, with their defaults.
public struct ServerLimits: Sendable, Hashable {
    /// The largest frame accepted (advertised in `Settings.max_frame_size`).
    public var maxFrameSize = WireLimits.defaultMaxFrameSize
    /// Calls in flight per connection; more are answered RESOURCE_EXHAUSTED.
    public var maxConcurrentCallsPerConnection = WireLimits.defaultMaxConcurrentCalls
    /// Open connections; more are closed as soon as they are accepted.
    public var maxConnections = 1_024
    /// Time from accept until the client's settings arrive (TLS handshake included).
    public var handshakeTimeout = Duration.seconds(10)
    /// A connection with no call in flight and no call frame for this long gets a goaway and
    /// is closed. nil = never.
    public var idleTimeout: Duration? = .seconds(300)
    /// Unsent output above which the server stops reading a connection (a client that does not
    /// read its replies cannot make the server buffer more).
    public var outputHighWaterMark = 1 << 20
    /// Deadlines longer than this (and calls without one) are cut to it. nil = no cap.
    public var maxDeadline: Duration? = .seconds(300)
    /// How long a graceful close may wait for the peer to take the last bytes.
    public var closeTimeout = Duration.seconds(5)

    public init() {}
}

/// Everything a server needs to start.
public struct ServerConfiguration: Sendable {
    /// Where to listen for TLS connections.
    public var listenAddress: SocketAddress
    /// The server's certificate, key, trust roots for client certificates, TLS versions.
    public var tls: TLSConfiguration
    /// An optional plaintext listener, only on a loopback address, for a mesh sidecar that
    /// terminates mutual TLS itself. Off by default.
    public var plaintextListenAddress: SocketAddress?
    /// The identity given to calls on the plaintext listener (the sidecar vouches for them).
    public var plaintextIdentity = "plaintext-loopback"
    public var accessPolicy: AccessPolicy
    public var limits = ServerLimits()
    /// Reported in `Settings` and health checks.
    public var version = "0.1.0"

    public init(listenAddress: SocketAddress, tls: TLSConfiguration, accessPolicy: AccessPolicy) {
        self.listenAddress = listenAddress
        self.tls = tls
        self.accessPolicy = accessPolicy
    }
}
