import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// CPU time the whole machine has spent busy so far, all cores together, read from the `cpu` line
/// of `/proc/stat`.
///
/// Subtracting the server's and the load generator's own CPU time from the machine's over the same
/// period gives what every other process used: on a shared machine, the sign of a skewed run.
public struct MachineCPUTime: Sendable, Hashable, Codable {
    /// Seconds spent busy (user, nice, system, irq, softirq, steal), summed over all cores.
    public var busySeconds: Double

    /// Creates a reading.
    ///
    /// - Parameter busySeconds: Busy seconds over all cores.
    public init(busySeconds: Double) {
        self.busySeconds = busySeconds
    }

    /// The CPU time between two readings.
    public static func - (later: MachineCPUTime, earlier: MachineCPUTime) -> MachineCPUTime {
        MachineCPUTime(busySeconds: later.busySeconds - earlier.busySeconds)
    }

    /// The number of online cores, `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static var onlineCores: Int {
        max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1)
    }

    /// Reads `/proc/stat`.
    ///
    /// - Throws: ``BenchmarkError`` if it cannot be read or parsed.
    public static func read() throws -> MachineCPUTime {
        let text: String
        do {
            text = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        } catch {
            throw BenchmarkError("cannot read /proc/stat: \(error)")
        }
        return try self.parse(stat: text, ticksPerSecond: ProcessCPUTime.ticksPerSecond)
    }

    /// Parses the text of `/proc/stat`: its first line, `cpu user nice system idle iowait irq
    /// softirq steal …`, in clock ticks.
    ///
    /// - Parameters:
    ///   - stat: The file's text.
    ///   - ticksPerSecond: Clock ticks per second.
    /// - Returns: The reading.
    /// - Throws: ``BenchmarkError`` if there is no such line.
    public static func parse(stat: String, ticksPerSecond: Int) throws -> MachineCPUTime {
        guard let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else {
            throw BenchmarkError("no 'cpu' line in /proc/stat")
        }
        let ticks = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard ticks.count >= 8 else { throw BenchmarkError("short 'cpu' line in /proc/stat") }
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        return MachineCPUTime(busySeconds: Double(busy) / Double(max(ticksPerSecond, 1)))
    }
}
