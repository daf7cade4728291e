#if canImport(Glibc)
import Glibc
#endif

/// The real file system: every method is one system call made through ``Posix/call(_:path:_:)``.
struct PosixFileSystem: FileSystem {
    init() {}

    func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> FileDescriptor {
        let flags: Int32
        switch mode {
        case .readOnly: flags = O_RDONLY
        case .readWrite: flags = O_RDWR
        case .createNew: flags = O_RDWR | O_CREAT | O_EXCL
        case .createOrOpen: flags = O_RDWR | O_CREAT
        }
        let raw = try Posix.call("open", path: path) { Glibc.open(path, flags | O_CLOEXEC, 0o644) }
        return FileDescriptor(rawValue: raw)
    }

    func close(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        // close(2) must not be retried on EINTR on Linux: the descriptor is released either way.
        if Glibc.close(descriptor.rawValue) == -1, errno != EINTR {
            throw FileSystemError(call: "close", path: path, errorNumber: errno)
        }
    }

    func write(
        _ descriptor: FileDescriptor,
        path: String,
        bytes: UnsafeRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        return try Posix.call("pwrite", path: path) {
            pwrite(descriptor.rawValue, base, bytes.count, off_t(offset))
        }
    }

    func read(
        _ descriptor: FileDescriptor,
        path: String,
        into buffer: UnsafeMutableRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try Posix.call("pread", path: path) {
            pread(descriptor.rawValue, base, buffer.count, off_t(offset))
        }
    }

    func dataSync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        _ = try Posix.call("fdatasync", path: path) { fdatasync(descriptor.rawValue) }
    }

    func sync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        _ = try Posix.call("fsync", path: path) { fsync(descriptor.rawValue) }
    }

    func truncate(_ descriptor: FileDescriptor, path: String, to length: Int64) throws(FileSystemError) {
        _ = try Posix.call("ftruncate", path: path) { ftruncate(descriptor.rawValue, off_t(length)) }
    }

    func size(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Int64 {
        var status = stat()
        _ = try Posix.call("fstat", path: path) { fstat(descriptor.rawValue, &status) }
        return Int64(status.st_size)
    }

    func tryLock(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Bool {
        do {
            _ = try Posix.call("flock", path: path) { flock(descriptor.rawValue, LOCK_EX | LOCK_NB) }
            return true
        } catch  where error.errorNumber == EWOULDBLOCK {
            return false
        }
    }

    func makeDirectory(_ path: String) throws(FileSystemError) -> Bool {
        do {
            _ = try Posix.call("mkdir", path: path) { mkdir(path, 0o755) }
            return true
        } catch  where error.errorNumber == EEXIST {
            return false
        }
    }

    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else {
            throw FileSystemError(call: "opendir", path: path, errorNumber: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    throw FileSystemError(call: "readdir", path: path, errorNumber: errno)
                }
                return names
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." {
                names.append(name)
            }
        }
    }

    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        _ = try Posix.call("rename", path: "\(source) -> \(destination)") { Glibc.rename(source, destination) }
    }

    func removeFile(_ path: String) throws(FileSystemError) {
        _ = try Posix.call("unlink", path: path) { unlink(path) }
    }
}
