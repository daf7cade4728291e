import Foundation

/// A fresh directory under the system's temporary directory, `herald-<label>-XXXXXX` (made by
/// `mkdtemp`, so no two tests share one); ``remove()`` deletes it with everything in it.
public struct TemporaryDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates a directory named after `label`.
    ///
    /// - Throws: `CocoaError` when the directory cannot be made.
    public init(_ label: String) throws {
        var template = Array("\(NSTemporaryDirectory())/herald-\(label)-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: created)
    }

    /// A path inside the directory.
    public func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
