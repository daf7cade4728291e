/// The exclusive lock on a data directory: `flock` on `<data directory>/LOCK`, held as long as
/// the store is open. The file holds the owner's process id, for the error a second opener gets.
///
/// `flock` locks belong to the open file, so a second ``Store`` on the same directory fails even
/// inside the same process, and the kernel releases the lock when the process dies (`kill -9`
/// included): a stale `LOCK` file never blocks a restart.
final class DataDirectoryLock: Sendable {
    /// The lock file's name in the data directory.
    static let fileName = "LOCK"

    private let file: OpenFile

    private init(file: OpenFile) {
        self.file = file
    }

    /// Creates the directory when missing and takes its lock.
    ///
    /// - Throws: ``StoreError/Code/locked`` when another holder has it.
    static func acquire(_ directory: String, fileSystem: any FileSystem) throws(StoreError) -> DataDirectoryLock {
        let path = directory + "/" + fileName
        do {
            try fileSystem.makeDirectories(directory)
            let file = try OpenFile.open(path, mode: .createOrOpen, fileSystem: fileSystem)
            guard try lockWithRetries(file) else {
                let owner = (try? file.read(count: 32, at: 0)).flatMap { String(validating: $0, as: UTF8.self) }
                try? file.close()
                let holder = owner.map { "process \($0.split(separator: "\n").first ?? "?")" } ?? "another process"
                throw StoreError(
                    .locked,
                    "the data directory \(directory) is in use by \(holder) (lock file \(path)); "
                        + "only one Herald process may use a data directory",
                    path: path
                )
            }
            try file.truncate(to: 0)
            try file.writeAll(Array("\(Posix.processIdentifier())\n".utf8), at: 0)
            return DataDirectoryLock(file: file)
        } catch let error as StoreError {
            throw error
        } catch let error as FileSystemError {
            throw StoreError.io("opening the data directory \(directory) failed", error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// Takes the lock, trying again every 10 ms for about a second before giving up.
    ///
    /// A lock released by this process can stay held for a moment: a child being started by
    /// another thread (`fork`/`posix_spawn`) holds copies of every descriptor until it calls
    /// `exec`, and with them the lock. On a loaded machine that child may wait well over 50 ms
    /// for a CPU before it gets there. A real second owner still gets the error, a second later.
    private static func lockWithRetries(_ file: OpenFile) throws(FileSystemError) -> Bool {
        for attempt in 0..<100 {
            if try file.tryLock() {
                return true
            }
            if attempt < 99 {
                Posix.sleep(milliseconds: 10)
            }
        }
        return false
    }

    /// Releases the lock.
    func release() {
        try? file.close()
    }
}
