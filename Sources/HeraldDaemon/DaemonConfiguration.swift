public import HeraldServer
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

    /// The store's durability mode (see docs/STORAGE.md).
    public enum Durability: String, Sendable {
        case always
        case interval
        case none
    }

    public var server: ServerConfiguration
    public var dataDirectory: String
    public var drainTimeout: Duration
    public var durability: Durability
    public var fsyncInterval: Duration
    public var repairStore: Bool
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
}

/// A setting's value is unusable; the message names the setting and where its value came from.
public struct DaemonConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}
