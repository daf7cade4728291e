public import HeraldServer
public import HeraldStore
import HeraldTLS
import HeraldTransport
import HeraldWire
public import Logging

/// The resolved settings of `heraldd`.
public struct DaemonConfiguration: Sendable {
    /// How log lines are written.
    public enum LogFormat: String, Sendable {
        case text
        case json
    }

    public var server: ServerConfiguration
    public var dataDirectory: String
    public var drainTimeout: Duration
    /// The store's durability mode, with `fsync-interval` in `interval` mode (see
    /// docs/STORAGE.md).
    public var durability: Durability
    public var repairStore: Bool
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
}

/// A setting's value is unusable; the message names the setting and where its value came from.
public struct DaemonConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}
