/// `openssl` failed while making test certificates.
public struct TestCertificatesError: Error, CustomStringConvertible {
    /// The arguments given to `openssl`.
    public var command: [String]
    /// The exit status (-1 if it could not start).
    public var status: Int32
    /// What it printed.
    public var output: String

    public var description: String {
        "openssl \(self.command.joined(separator: " ")) exited with \(self.status): \(self.output)"
    }
}
