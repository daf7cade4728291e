#if canImport(Glibc)
import Glibc
#endif

/// An open file: the single owner of its descriptor.
///
/// Reads and writes go through the ``FileSystem`` it was opened with. ``close()`` closes it
/// explicitly; `deinit` closes a descriptor that was never closed (without syncing), so an error
/// path cannot leak it.
///
/// `@unchecked Sendable`: an `OpenFile` is used by one owner at a time (the table's writer queue,
/// a recovery pass, a snapshot job); the descriptor is only replaced by ``close()``.
final class OpenFile: @unchecked Sendable {
    /// The path the file was opened at.
    let path: String
    private let fileSystem: any FileSystem
    private var descriptor: FileDescriptor?

    private init(path: String, descriptor: FileDescriptor, fileSystem: any FileSystem) {
        self.path = path
        self.descriptor = descriptor
        self.fileSystem = fileSystem
    }

    deinit {
        if let descriptor {
            try? fileSystem.close(descriptor, path: path)
        }
    }

    /// Opens `path`.
    static func open(
        _ path: String,
        mode: FileOpenMode,
        fileSystem: any FileSystem
    ) throws(FileSystemError) -> OpenFile {
        let descriptor = try fileSystem.open(path, mode: mode)
        return OpenFile(path: path, descriptor: descriptor, fileSystem: fileSystem)
    }

    private var openDescriptor: FileDescriptor {
        guard let descriptor else { preconditionFailure("\(path) used after close()") }
        return descriptor
    }

    /// Writes all of `bytes` at `offset`, continuing after short writes.
    ///
    /// - Throws: ``FileSystemError`` from the first failing `pwrite`; some of `bytes` may have
    ///   reached the file by then.
    func writeAll(_ bytes: [UInt8], at offset: Int64) throws(FileSystemError) {
        let descriptor = openDescriptor
        let result = bytes.withUnsafeBytes { buffer -> Result<Void, FileSystemError> in
            var written = 0
            while written < buffer.count {
                let rest = UnsafeRawBufferPointer(rebasing: buffer[written...])
                do throws(FileSystemError) {
                    let count = try fileSystem.write(descriptor, path: path, bytes: rest, at: offset + Int64(written))
                    guard count > 0 else {
                        return .failure(FileSystemError(call: "pwrite", path: path, errorNumber: EIO))
                    }
                    written += count
                } catch {
                    return .failure(error)
                }
            }
            return .success(())
        }
        try result.get()
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int64) throws(FileSystemError) -> [UInt8] {
        let descriptor = openDescriptor
        var failure: FileSystemError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            let raw = UnsafeMutableRawBufferPointer(buffer)
            while initialized < count {
                let rest = UnsafeMutableRawBufferPointer(rebasing: raw[initialized...])
                do throws(FileSystemError) {
                    let got = try fileSystem.read(descriptor, path: path, into: rest, at: offset + Int64(initialized))
                    if got == 0 { break }
                    initialized += got
                } catch {
                    failure = error
                    break
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads the whole file.
    func readAll() throws(FileSystemError) -> [UInt8] {
        try read(count: Int(try size()), at: 0)
    }

    /// `fdatasync`: the data and the size are durable once this returns.
    func dataSync() throws(FileSystemError) {
        try fileSystem.dataSync(openDescriptor, path: path)
    }

    /// `fsync`: the data and all metadata are durable once this returns.
    func sync() throws(FileSystemError) {
        try fileSystem.sync(openDescriptor, path: path)
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int64) throws(FileSystemError) {
        try fileSystem.truncate(openDescriptor, path: path, to: length)
    }

    /// The file's current size.
    func size() throws(FileSystemError) -> Int64 {
        try fileSystem.size(openDescriptor, path: path)
    }

    /// Takes the file's exclusive lock without waiting; false when another holder has it.
    func tryLock() throws(FileSystemError) -> Bool {
        try fileSystem.tryLock(openDescriptor, path: path)
    }

    /// Closes the descriptor; later calls are a no-op.
    func close() throws(FileSystemError) {
        guard let descriptor else { return }
        self.descriptor = nil
        try fileSystem.close(descriptor, path: path)
    }
}
