#if canImport(Glibc)
import Glibc
#endif

/// A system call of the file-system layer failed.
///
/// Carries the call's name, the path it was about and the `errno` it returned, so a message in a
/// log names exactly what went wrong where ("fdatasync /data/contacts/…log: Input/output error").
struct FileSystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The system call, e.g. `pwrite` or `fdatasync`.
    var call: String
    /// The file or directory the call was about.
    var path: String
    /// The `errno` value the call failed with.
    var errorNumber: Int32

    init(call: String, path: String, errorNumber: Int32) {
        self.call = call
        self.path = path
        self.errorNumber = errorNumber
    }

    /// Whether the device is full (`ENOSPC`) or the quota is exhausted (`EDQUOT`).
    var isNoSpace: Bool {
        errorNumber == ENOSPC || errorNumber == EDQUOT
    }

    var description: String {
        "\(call) \(path): \(String(cString: strerror(errorNumber))) (errno \(errorNumber))"
    }
}
