/// An open file descriptor, as handed out by a ``FileSystem``.
///
/// A plain value: ownership (who closes it) belongs to ``OpenFile``.
struct FileDescriptor: Hashable, Sendable {
    /// The descriptor number.
    var rawValue: Int32
}

/// How ``FileSystem/open(_:mode:)`` opens a file.
enum FileOpenMode: Hashable, Sendable {
    /// An existing file, read only.
    case readOnly
    /// An existing file, for reading and writing.
    case readWrite
    /// A new file for reading and writing; fails with `EEXIST` when the path exists.
    case createNew
    /// The file, created when missing, for reading and writing.
    case createOrOpen
}
