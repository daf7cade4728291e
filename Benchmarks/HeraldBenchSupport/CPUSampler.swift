/// Reads the CPU time of the server (if known) and of this process at one instant.
struct CPUSampler: Sendable {
    /// Both readings at one instant.
    struct Sample: Sendable {
        var server: ProcessCPUTime?
        var loadGenerator: ProcessCPUTime
    }

    /// The server process to read, or `nil` to read only this process.
    var serverPID: Int32?

    /// Reads both processes now.
    ///
    /// - Throws: ``BenchmarkError`` if a `/proc` file cannot be read.
    func sample() throws -> Sample {
        let server = try self.serverPID.map { try ProcessCPUTime.read(pid: $0) }
        return Sample(server: server, loadGenerator: try ProcessCPUTime.readCurrentProcess())
    }
}
