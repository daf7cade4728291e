import Foundation

/// Small file helpers for tests that damage store files on purpose.
enum Files {
    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func list(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }

    /// Copies a directory tree (to restore a pristine copy between damage experiments).
    static func copyDirectory(_ source: String, to destination: String) throws {
        if exists(destination) {
            try remove(destination)
        }
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }
}
