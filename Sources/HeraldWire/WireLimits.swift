/// The limits of the wire protocol and their defaults.
public enum WireLimits {
    /// The largest frame payload accepted unless a peer's `Settings` says otherwise: 4 MiB.
    public static let defaultMaxFrameSize = 4 * 1024 * 1024
    /// The smallest `max_frame_size` a peer may advertise: 16 KiB.
    public static let minimumMaxFrameSize = 16 * 1024
    /// Calls the server accepts in flight per connection unless configured otherwise.
    public static let defaultMaxConcurrentCalls = 100
    /// The size of a ping or pong payload.
    public static let pingPayloadSize = 8
}
