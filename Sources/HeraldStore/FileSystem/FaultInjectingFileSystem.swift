#if DEBUG
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A ``FileSystem`` for tests (debug builds only) that passes calls to a real one and makes
/// chosen calls fail: short writes, `EIO` from `fdatasync`, `ENOSPC`, or a simulated crash after
/// which nothing reaches the disk.
final class FaultInjectingFileSystem: FileSystem {
    /// A kind of call that a fault can match.
    enum Operation: Hashable, Sendable {
        case open
        case write
        case read
        case dataSync
        case sync
        case rename
    }

    /// What happens to a call a fault matches.
    enum Effect: Hashable, Sendable {
        /// The call fails with this `errno` without doing anything.
        case fail(errno: Int32)
        /// A write writes only its first `bytes` bytes (at most) and reports that count.
        case shortWrite(bytes: Int)
        /// The call succeeds; from then on every call except `close` fails with `EIO`, as if the
        /// process had died right after it.
        case crashAfter
        /// The call and every later call except `close` fail with `EIO`.
        case crash
    }

    /// One injected fault.
    struct Fault: Sendable {
        /// The call it applies to.
        var operation: Operation
        /// Only calls whose path contains this string; nil matches every path.
        var pathContains: String?
        /// How many matching calls go through unharmed before the fault fires.
        var skip: Int
        /// What the fault does.
        var effect: Effect
        /// Whether the fault stays after firing (otherwise it fires once).
        var persistent: Bool

        init(
            _ operation: Operation,
            pathContains: String? = nil,
            skip: Int = 0,
            effect: Effect,
            persistent: Bool = false
        ) {
            self.operation = operation
            self.pathContains = pathContains
            self.skip = skip
            self.effect = effect
            self.persistent = persistent
        }
    }

    private struct State {
        var faults: [Fault] = []
        var crashed = false
        var fired = 0
        var counts: [Operation: Int] = [:]
    }

    private let base: any FileSystem
    private let state = Mutex(State())

    init(base: any FileSystem = PosixFileSystem()) {
        self.base = base
    }

    /// Adds a fault. For each call only the first fault (in the order added) that matches its
    /// operation and path counts: it lets `skip` calls through, then fires; faults added later
    /// for the same calls take over once it is gone (so a short write can be followed by ENOSPC).
    func inject(_ fault: Fault) {
        state.withLock { $0.faults.append(fault) }
    }

    /// How many faults have fired so far.
    var firedCount: Int {
        state.withLock { $0.fired }
    }

    /// Whether a simulated crash is in effect.
    var hasCrashed: Bool {
        state.withLock { $0.crashed }
    }

    /// How many calls of a kind were made (including failed ones).
    func count(of operation: Operation) -> Int {
        state.withLock { $0.counts[operation, default: 0] }
    }

    /// The effect for this call, if a fault fires; records crashes.
    private func effect(for operation: Operation, path: String) -> Effect? {
        state.withLock { state -> Effect? in
            state.counts[operation, default: 0] += 1
            if state.crashed {
                return .fail(errno: EIO)
            }
            // Only the first fault matching the call counts; later ones wait for their turn.
            let matching = state.faults.firstIndex { fault in
                fault.operation == operation && (fault.pathContains.map { path.contains($0) } ?? true)
            }
            if let index = matching {
                let fault = state.faults[index]
                if fault.skip > 0 {
                    state.faults[index].skip -= 1
                    return nil
                }
                if !fault.persistent {
                    state.faults.remove(at: index)
                }
                state.fired += 1
                switch fault.effect {
                case .crash:
                    state.crashed = true
                    return .fail(errno: EIO)
                case .crashAfter:
                    state.crashed = true
                    return nil
                default:
                    return fault.effect
                }
            }
            return nil
        }
    }

    private func check(_ operation: Operation, _ name: String, path: String) throws(FileSystemError) {
        if case .fail(let number) = effect(for: operation, path: path) {
            throw FileSystemError(call: name, path: path, errorNumber: number)
        }
    }

    /// For a call no fault matches: fails it with `EIO` while a simulated crash is in effect.
    private func checkCrash(_ name: String, path: String) throws(FileSystemError) {
        if hasCrashed {
            throw FileSystemError(call: name, path: path, errorNumber: EIO)
        }
    }

    func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> FileDescriptor {
        try check(.open, "open", path: path)
        return try base.open(path, mode: mode)
    }

    func close(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        try base.close(descriptor, path: path)
    }

    func write(
        _ descriptor: FileDescriptor,
        path: String,
        bytes: UnsafeRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int {
        switch effect(for: .write, path: path) {
        case .fail(let number):
            throw FileSystemError(call: "pwrite", path: path, errorNumber: number)
        case .shortWrite(let limit):
            let part = UnsafeRawBufferPointer(rebasing: bytes[..<min(limit, bytes.count)])
            return try base.write(descriptor, path: path, bytes: part, at: offset)
        default:
            return try base.write(descriptor, path: path, bytes: bytes, at: offset)
        }
    }

    func read(
        _ descriptor: FileDescriptor,
        path: String,
        into buffer: UnsafeMutableRawBufferPointer,
        at offset: Int64
    ) throws(FileSystemError) -> Int {
        try check(.read, "pread", path: path)
        return try base.read(descriptor, path: path, into: buffer, at: offset)
    }

    func dataSync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        try check(.dataSync, "fdatasync", path: path)
        try base.dataSync(descriptor, path: path)
    }

    func sync(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) {
        try check(.sync, "fsync", path: path)
        try base.sync(descriptor, path: path)
    }

    func truncate(_ descriptor: FileDescriptor, path: String, to length: Int64) throws(FileSystemError) {
        try checkCrash("ftruncate", path: path)
        try base.truncate(descriptor, path: path, to: length)
    }

    func size(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Int64 {
        try base.size(descriptor, path: path)
    }

    func tryLock(_ descriptor: FileDescriptor, path: String) throws(FileSystemError) -> Bool {
        try base.tryLock(descriptor, path: path)
    }

    func makeDirectory(_ path: String) throws(FileSystemError) -> Bool {
        try checkCrash("mkdir", path: path)
        return try base.makeDirectory(path)
    }

    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        try base.contentsOfDirectory(path)
    }

    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        try check(.rename, "rename", path: "\(source) -> \(destination)")
        try base.rename(source, to: destination)
    }

    func removeFile(_ path: String) throws(FileSystemError) {
        try checkCrash("unlink", path: path)
        try base.removeFile(path)
    }
}
#endif
