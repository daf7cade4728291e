import Foundation

/// Runs the `openssl` command in one working directory.
struct OpenSSLCommand: Sendable {
    let directory: String

    /// The absolute path of `file` in the directory.
    func path(_ file: String) -> String {
        (self.directory as NSString).appendingPathComponent(file)
    }

    /// Writes `contents` to `file` in the directory and returns its path.
    @discardableResult
    func write(_ file: String, _ contents: String) throws -> String {
        let path = self.path(file)
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `openssl arguments…`, throwing with its output if it fails.
    func run(_ arguments: String...) throws {
        try run(arguments)
    }

    /// Runs `openssl arguments…`, throwing with its output if it fails.
    func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: self.directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TestCertificatesError(command: arguments, status: -1, output: "cannot start openssl: \(error)")
        }
        // Read before waiting, so a chatty command cannot fill the pipe and block.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestCertificatesError(
                command: arguments,
                status: process.terminationStatus,
                output: String(decoding: data, as: UTF8.self)
            )
        }
    }
}
