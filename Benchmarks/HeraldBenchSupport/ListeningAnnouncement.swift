/// The line a benchmark server prints on standard output once it accepts connections:
/// `listening on HOST:PORT pid PID`.
///
/// Servers print it so a load generator that started them knows where to connect and whose CPU
/// time to read; ``ServerProcess`` waits for it.
public struct ListeningAnnouncement: Sendable, Hashable, CustomStringConvertible {
    /// The address the server listens on, e.g. `127.0.0.1`.
    public var host: String

    /// The port it listens on.
    public var port: Int

    /// The server's process id.
    public var pid: Int32

    /// Creates an announcement.
    ///
    /// - Parameters:
    ///   - host: The listening address.
    ///   - port: The listening port.
    ///   - pid: The server's process id.
    public init(host: String, port: Int, pid: Int32) {
        self.host = host
        self.port = port
        self.pid = pid
    }

    /// Parses a line of the form `listening on HOST:PORT pid PID`.
    ///
    /// - Parameter line: One line, with or without a trailing newline.
    /// - Returns: `nil` if the line is not an announcement.
    public init?(line: some StringProtocol) {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count == 5, words[0] == "listening", words[1] == "on", words[3] == "pid",
            let colon = words[2].lastIndex(of: ":"),
            let port = Int(words[2][words[2].index(after: colon)...]), (0...65_535).contains(port),
            let pid = Int32(words[4]), pid > 0
        else { return nil }
        self.init(host: String(words[2][..<colon]), port: port, pid: pid)
    }

    /// The line itself, without a newline.
    public var description: String { "listening on \(self.host):\(self.port) pid \(self.pid)" }
}
