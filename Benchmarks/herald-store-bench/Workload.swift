import HeraldStore
import Histogram
import Synchronization

/// Keys and values shaped like Herald's contacts: `tenant-NNNN/ct_NNNNNNNNNNNN` and a 100-byte
/// value (a small encoded contact).
enum Workload {
    static let valueSize = 100

    static func key(_ number: Int) -> StoreKey {
        // Formatted by hand: string interpolation would cost more than the store's own work.
        var bytes = Array("tenant-0000/ct_000000000000".utf8)
        var tenant = number % 1000
        for position in stride(from: 10, through: 7, by: -1) {
            bytes[position] = 0x30 + UInt8(tenant % 10)
            tenant /= 10
        }
        var rest = number
        for position in stride(from: 26, through: 15, by: -1) {
            bytes[position] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        return StoreKey(bytes: bytes)
    }

    static func value(_ number: Int) -> [UInt8] {
        var value = [UInt8](repeating: 0, count: valueSize)
        var state = UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15
        for index in value.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            value[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return value
    }

    /// What one timed run of concurrent writers did.
    struct Result {
        var puts: Int
        var seconds: Double
        var latency: Histogram<UInt64>

        var putsPerSecond: Double { Double(puts) / seconds }
        /// Latency percentiles in microseconds.
        var p50: Double { Double(latency.valueAtPercentile(50)) / 1000 }
        var p99: Double { Double(latency.valueAtPercentile(99)) / 1000 }
    }

    /// `writers` tasks putting distinct keys (from `firstKey` on) until `duration` passed or
    /// `limit` puts were made in all; every put's latency is recorded.
    static func run(
        _ table: Table,
        writers: Int,
        duration: Duration,
        limit: Int,
        firstKey: Int = 0
    ) async throws -> Result {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        let issued = Counter()
        let start = clock.now
        let histograms = try await withThrowingTaskGroup(of: Histogram<UInt64>.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    var histogram = Histogram<UInt64>(
                        highestTrackableValue: 60_000_000_000,
                        numberOfSignificantValueDigits: .three
                    )
                    while clock.now < deadline {
                        let number = issued.next()
                        guard number <= limit else { break }
                        let began = clock.now
                        try await table.put(key(firstKey + number), value(number))
                        let elapsed = clock.now - began
                        let (seconds, attoseconds) = elapsed.components
                        _ = histogram.record(UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000))
                    }
                    return histogram
                }
            }
            var all: [Histogram<UInt64>] = []
            for try await histogram in group {
                all.append(histogram)
            }
            return all
        }
        let seconds = (clock.now - start).seconds
        var merged = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        for histogram in histograms {
            merged.add(histogram)
        }
        return Result(puts: Int(merged.totalCount), seconds: seconds, latency: merged)
    }
}

/// A shared counter handing out 1, 2, 3, … to concurrent writers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}
