/// Every system call the store makes, behind one protocol.
///
/// ``PosixFileSystem`` is the real implementation. In debug builds, tests inject a
/// ``FaultInjectingFileSystem`` through ``StoreOptions`` to make chosen calls fail (short writes,
/// `EIO` from `fdatasync`, `ENOSPC`) and check that no write is acknowledged falsely.
///
/// Every method throws ``FileSystemError`` naming the call, the path and `errno`. `EINTR` is
/// retried inside; callers never see it.
protocol FileSystem: Sendable {
    /// Opens `path` (with `O_CLOEXEC`).
    func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> FileDescriptor

    /// Closes `descriptor`. The descriptor is gone even when this throws.
    func close(_ descriptor: FileDescriptor, path: String) throws(FileSystemError)

    /// Writes up to `bytes.count` bytes at `offset` with one `pwrite`; returns how many were
    /// written (possibly fewer).
    func write(
        _ descriptor: FileDescriptor,
        path: String,
        bytes: UnsafeRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int

    /// Reads up to `buffer.count` bytes at `offset` with one `pread`; returns how many were
    /// read, 0 at the end of the file.
    func read(
        _ descriptor: FileDescriptor,
        path: String,
        into buffer: UnsafeMutableRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int

    /// Flushes the file's data and the metadata needed to read it back (`fdatasync`).
    func dataSync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError)

    /// Flushes the file's data and all its metadata (`fsync`); also used on directories.
    func sync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError)

    /// Cuts or extends the file to `length` bytes (`ftruncate`).
    func truncate(_ descriptor: FileDescriptor, path: String, to length: Int64) throws(FileSystemError)

    /// The file's size in bytes (`fstat`).
    func size(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Int64

    /// Takes an exclusive advisory lock without waiting (`flock(LOCK_EX | LOCK_NB)`); returns
    /// false when another open file description holds it.
    func tryLock(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Bool

    /// Creates a directory; returns false when it already exists.
    func makeDirectory(_ path: String) throws(FileSystemError) -> Bool

    /// The names in a directory, without `.` and `..`.
    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String]

    /// Renames `source` to `destination`, replacing it atomically when it exists.
    func rename(_ source: String, to destination: String) throws(FileSystemError)

    /// Removes a file.
    func removeFile(_ path: String) throws(FileSystemError)
}

extension FileSystem {
    /// Makes a directory's entries (created, renamed, removed files) durable: opens it and
    /// `fsync`s it.
    func syncDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = try open(path, mode: .readOnly)
        do {
            try sync(descriptor, path: path)
        } catch {
            try? close(descriptor, path: path)
            throw error
        }
        try close(descriptor, path: path)
    }

    /// Creates `path` and every missing parent; returns whether the last component was new.
    @discardableResult
    func makeDirectories(_ path: String) throws(FileSystemError) -> Bool {
        var prefix = path.hasPrefix("/") ? "" : "."
        var created = false
        for component in path.split(separator: "/") {
            prefix += "/" + component
            created = try makeDirectory(prefix)
        }
        return created
    }
}
