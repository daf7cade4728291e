/// An error from the benchmark support code: a bad configuration, an unreadable `/proc` file, a
/// server that did not start.
public struct BenchmarkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in words.
    public var message: String

    /// Creates an error with a message.
    ///
    /// - Parameter message: What went wrong.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
