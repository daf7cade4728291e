import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// CPU time a process has used so far (all its threads, user plus kernel), read from
/// `/proc/<pid>/stat` on Linux.
///
/// Take one reading before and one after a measured period and subtract them:
///
/// ```swift
/// let before = try ProcessCPUTime.read(pid: serverPID)
/// // … load …
/// let used = try ProcessCPUTime.read(pid: serverPID) - before
/// ```
///
/// The kernel counts in clock ticks (`sysconf(_SC_CLK_TCK)`, usually 100 per second), so each
/// reading is accurate to about 10 ms.
public struct ProcessCPUTime: Sendable, Hashable, Codable {
    /// Seconds spent in user mode (`utime`).
    public var userSeconds: Double

    /// Seconds spent in the kernel on the process's behalf (`stime`).
    public var systemSeconds: Double

    /// User plus system seconds.
    public var totalSeconds: Double { self.userSeconds + self.systemSeconds }

    /// Creates a reading from its parts.
    ///
    /// - Parameters:
    ///   - userSeconds: Seconds in user mode.
    ///   - systemSeconds: Seconds in the kernel.
    public init(userSeconds: Double, systemSeconds: Double) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
    }

    /// The CPU time used between two readings of the same process.
    public static func - (later: ProcessCPUTime, earlier: ProcessCPUTime) -> ProcessCPUTime {
        ProcessCPUTime(
            userSeconds: later.userSeconds - earlier.userSeconds,
            systemSeconds: later.systemSeconds - earlier.systemSeconds
        )
    }

    /// The kernel's clock ticks per second, `sysconf(_SC_CLK_TCK)`.
    public static var ticksPerSecond: Int {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? ticks : 100
    }

    /// Reads the CPU time of process `pid` from `/proc/<pid>/stat`.
    ///
    /// - Parameter pid: The process to read.
    /// - Returns: The process's CPU time so far.
    /// - Throws: ``BenchmarkError`` if the file cannot be read (no such process) or parsed.
    public static func read(pid: Int32) throws -> ProcessCPUTime {
        try self.read(statPath: "/proc/\(pid)/stat")
    }

    /// Reads the CPU time of the calling process from `/proc/self/stat`.
    ///
    /// - Returns: This process's CPU time so far.
    /// - Throws: ``BenchmarkError`` if the file cannot be read or parsed.
    public static func readCurrentProcess() throws -> ProcessCPUTime {
        try self.read(statPath: "/proc/self/stat")
    }

    private static func read(statPath: String) throws -> ProcessCPUTime {
        let text: String
        do {
            text = try String(contentsOfFile: statPath, encoding: .utf8)
        } catch {
            throw BenchmarkError("cannot read \(statPath): \(error)")
        }
        return try self.parse(stat: text, ticksPerSecond: self.ticksPerSecond)
    }

    /// Parses the contents of a `/proc/<pid>/stat` file.
    ///
    /// The second field, the command name, is in parentheses and may itself hold spaces and
    /// parentheses, so fields are counted from the last `)`: `utime` and `stime` are fields 14 and 15.
    ///
    /// - Parameters:
    ///   - stat: The file's text.
    ///   - ticksPerSecond: Clock ticks per second, to turn ticks into seconds.
    /// - Returns: The reading.
    /// - Throws: ``BenchmarkError`` if the text is not a stat line.
    public static func parse(stat: String, ticksPerSecond: Int) throws -> ProcessCPUTime {
        guard let commandEnd = stat.lastIndex(of: ")") else {
            throw BenchmarkError("not a /proc stat line: no ')' after the command name")
        }
        // Fields after the command name start at field 3 (state): utime is field 14, stime 15.
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ", omittingEmptySubsequences: true)
        let utimeIndex = 14 - 3
        let stimeIndex = 15 - 3
        guard fields.count > stimeIndex,
            let utime = UInt64(fields[utimeIndex]),
            let stime = UInt64(fields[stimeIndex])
        else {
            throw BenchmarkError("not a /proc stat line: no utime and stime fields")
        }
        let ticks = Double(max(ticksPerSecond, 1))
        return ProcessCPUTime(userSeconds: Double(utime) / ticks, systemSeconds: Double(stime) / ticks)
    }
}
