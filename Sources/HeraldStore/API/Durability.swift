/// When a write is acknowledged, relative to `fdatasync`.
///
/// - ``always`` (the default): a write returns only after the `fdatasync` that covers it. An
///   acknowledged write survives `kill -9` and power loss.
/// - ``interval(milliseconds:)``: a write returns once it is in the operating system's page cache;
///   the log is synced at most that long after the first unsynced write. An acknowledged write
///   survives `kill -9`; power loss may take the writes of the last interval.
/// - ``none``: the log is never synced while writing (only on segment changes and close). For
///   tests and benchmarks: power loss may take any number of recent writes.
public struct Durability: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case always
        case interval(milliseconds: Int)
        case none
    }

    let kind: Kind

    /// Acknowledge after `fdatasync` (group-committed).
    public static let always = Durability(kind: .always)

    /// Acknowledge after `write`; `fdatasync` at most `milliseconds` after the first unsynced write.
    public static func interval(milliseconds: Int) -> Durability {
        precondition(milliseconds > 0, "the sync interval must be positive")
        return Durability(kind: .interval(milliseconds: milliseconds))
    }

    /// Acknowledge after `write`; never sync while writing.
    public static let none = Durability(kind: .none)

    public var description: String {
        switch kind {
        case .always: "always"
        case .interval(let milliseconds): "interval(\(milliseconds) ms)"
        case .none: "none"
        }
    }
}
