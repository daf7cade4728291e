import ArgumentParser
import Foundation

/// Finds a PEM file named on the command line.
///
/// An absolute path is used as it is. A relative path is tried against the current directory, then
/// against the Herald repository root (the nearest directory above the current one that holds
/// `Benchmarks/GRPCBaseline/Package.swift`), so the `Certs/dev/…` defaults work from the repository
/// root and from `Benchmarks/GRPCBaseline` alike.
enum CertificatePath {
    /// The absolute path of an existing file.
    ///
    /// - Parameters:
    ///   - path: The path as given.
    ///   - option: The option's name, for the error message.
    /// - Throws: `ValidationError` if no such file exists.
    static func resolve(_ path: String, option: String) throws -> String {
        let fileManager = FileManager.default
        if path.hasPrefix("/") {
            guard fileManager.fileExists(atPath: path) else { throw Self.missing(path, option: option) }
            return path
        }
        let current = fileManager.currentDirectoryPath
        var candidates = [current + "/" + path]
        if let root = Self.repositoryRoot(from: current) {
            candidates.append(root + "/" + path)
        }
        guard let found = candidates.first(where: { fileManager.fileExists(atPath: $0) }) else {
            throw Self.missing(path, option: option)
        }
        return found
    }

    private static func repositoryRoot(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory)
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.path + "/Benchmarks/GRPCBaseline/Package.swift") {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    private static func missing(_ path: String, option: String) -> ValidationError {
        ValidationError(
            "\(option) \(path): no such file. Make development certificates with Certs/make-dev-certs.sh "
                + "or pass PEM paths explicitly."
        )
    }
}
