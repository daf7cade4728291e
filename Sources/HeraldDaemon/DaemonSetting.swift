/// One setting of `heraldd`, settable by a flag (`--listen`), an environment variable
/// (`HERALD_LISTEN`) or a key of the JSON config file (`"listen"`), in that order of precedence.
public enum DaemonSetting: String, CaseIterable, Sendable {
    case listen
    case dataDir = "data-dir"
    case tlsCert = "tls-cert"
    case tlsKey = "tls-key"
    case tlsCA = "tls-ca"
    case tlsMinVersion = "tls-min-version"
    case policy
    case plaintextListen = "plaintext-listen"
    case plaintextIdentity = "plaintext-identity"
    case maxFrameSize = "max-frame-size"
    case maxConcurrentCalls = "max-concurrent-calls"
    case maxConnections = "max-connections"
    case handshakeTimeout = "handshake-timeout"
    case idleTimeout = "idle-timeout"
    case maxDeadline = "max-deadline"
    case drainTimeout = "drain-timeout"
    case durability
    case fsyncInterval = "fsync-interval"
    case repairStore = "repair-store"
    case logLevel = "log-level"
    case logFormat = "log-format"

    /// `HERALD_` and the name in upper snake case.
    public var environmentVariable: String {
        "HERALD_" + String(rawValue.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The value used when nothing sets it; nil for settings that are off by default.
    public var defaultValue: String? {
        switch self {
        case .listen: "127.0.0.1:7443"
        case .dataDir: "herald-data"
        case .tlsCert: "Certs/dev/server.pem"
        case .tlsKey: "Certs/dev/server-key.pem"
        case .tlsCA: "Certs/dev/ca.pem"
        case .tlsMinVersion: "1.3"
        case .policy: "Certs/dev/policy.json"
        case .plaintextListen: nil
        case .plaintextIdentity: "plaintext-loopback"
        case .maxFrameSize: "4MiB"
        case .maxConcurrentCalls: "100"
        case .maxConnections: "1024"
        case .handshakeTimeout: "10s"
        case .idleTimeout: "300s"
        case .maxDeadline: "300s"
        case .drainTimeout: "30s"
        case .durability: "always"
        case .fsyncInterval: "10ms"
        case .repairStore: "false"
        case .logLevel: "info"
        case .logFormat: "text"
        }
    }

    /// What the setting does, for `--help`.
    public var summary: String {
        switch self {
        case .listen: "Address for mutual-TLS connections (host:port; IPv6 as [::1]:port)."
        case .dataDir: "Directory of the store (made on first run; one server per directory)."
        case .tlsCert: "The server's certificate chain (PEM)."
        case .tlsKey: "The server's private key (PEM)."
        case .tlsCA: "CA bundle (PEM) that signs client certificates."
        case .tlsMinVersion: "Oldest TLS version accepted: 1.3, or 1.2 to allow TLS 1.2."
        case .policy: "Access policy file (JSON; see docs/ACCESS.md)."
        case .plaintextListen: "Loopback address for a plaintext listener behind a mesh sidecar (off by default)."
        case .plaintextIdentity: "Identity given to every call on the plaintext listener."
        case .maxFrameSize: "Largest frame accepted (bytes, or with KiB/MiB)."
        case .maxConcurrentCalls: "Calls in flight per connection."
        case .maxConnections: "Open connections."
        case .handshakeTimeout: "Time allowed for TLS handshake, preface and settings (e.g. 10s)."
        case .idleTimeout: "Close connections idle this long (0 = never)."
        case .maxDeadline: "Longest deadline a call gets (0 = no cap)."
        case .drainTimeout: "On SIGTERM, how long calls in flight may take before connections are cut."
        case .durability: "Store durability: always (fsync before every acknowledgement), interval, none."
        case .fsyncInterval: "Sync period in interval mode (e.g. 10ms)."
        case .repairStore:
            "Truncate a corrupt store log at the first bad record (keeping a copy) instead of refusing to start."
        case .logLevel: "trace, debug, info, notice, warning, error or critical."
        case .logFormat: "text or json (one object per line)."
        }
    }
}
