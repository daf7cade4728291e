import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Measurements of the process and the disk that the store does not provide.
enum SystemProbes {
    /// Resident memory of this process, in bytes (`/proc/self/statm`).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Total size of the files in `directory` whose names end with `suffix`.
    static func bytes(in directory: String, suffix: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.reduce(0) { total, name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// A fresh directory under the system's temporary directory.
    static func makeTemporaryDirectory(_ label: String) -> String {
        var template = Array("\(NSTemporaryDirectory())/herald-bench-\(label)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp failed")
        return String(cString: created!)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The baseline: one writer appending `recordSize` bytes and calling `fdatasync` after each,
    /// for at most `duration` or `limit` writes, straight on the file (no store).
    ///
    /// - Returns: writes per second.
    static func rawFsyncRate(directory: String, recordSize: Int, duration: Duration, limit: Int) -> Double {
        let path = directory + "/raw-fsync.dat"
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        precondition(descriptor >= 0, "open \(path) failed")
        defer {
            close(descriptor)
            unlink(path)
        }
        let record = [UInt8](repeating: 0x5A, count: recordSize)
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var offset: off_t = 0
        while count < limit && clock.now - start < duration {
            let written = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, offset) }
            precondition(written == recordSize, "pwrite failed")
            precondition(fdatasync(descriptor) == 0, "fdatasync failed")
            offset += off_t(recordSize)
            count += 1
        }
        return Double(count) / (clock.now - start).seconds
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
