/// Reads the CPU time of the server (if known), of this process and of the whole machine at one
/// instant.
struct CPUSampler: Sendable {
    /// The readings at one instant.
    struct Sample: Sendable {
        var server: ProcessCPUTime?
        var loadGenerator: ProcessCPUTime
        /// `nil` if `/proc/stat` could not be read; the machine reading is a nicety, not required.
        var machine: MachineCPUTime?
    }

    /// The server process to read, or `nil` to read only this process.
    var serverPID: Int32?

    /// Reads everything now.
    ///
    /// - Throws: ``BenchmarkError`` if the server's or this process's `/proc` file cannot be read.
    func sample() throws -> Sample {
        let server = try self.serverPID.map { try ProcessCPUTime.read(pid: $0) }
        return Sample(
            server: server,
            loadGenerator: try ProcessCPUTime.readCurrentProcess(),
            machine: try? MachineCPUTime.read()
        )
    }
}
