/// Polls `condition` (for state that reports no events, such as a server's counters) every few
/// milliseconds until it holds: a bounded wait, never a fixed sleep.
///
/// - Throws: ``PollTimeout`` when `condition` still does not hold after `timeout`; whatever
///   `condition` throws.
public func poll(
    _ what: String,
    timeout: Duration = .seconds(30),
    until condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw PollTimeout(what: what, timeout: timeout) }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// A condition a test polled for did not come true in time.
public struct PollTimeout: Error, CustomStringConvertible {
    /// What the test waited for.
    public var what: String
    /// How long it waited.
    public var timeout: Duration

    public var description: String { "timed out after \(timeout) waiting for \(what)" }
}
