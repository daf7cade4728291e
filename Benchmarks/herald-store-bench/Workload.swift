import HeraldBenchSupport
import HeraldStore
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

    /// `writers` tasks putting distinct keys (`firstKey` + 1, + 2, …) back to back until `duration`
    /// passed or `limit` puts were made, each put's latency recorded by ``LoadDriver``.
    ///
    /// Once `limit` puts were handed out, loops still running make no more: a run that reaches
    /// the limit (only the runs filling a table do) may count up to `writers - 1` empty calls.
    ///
    /// - Throws: ``BenchmarkError`` when a put failed.
    static func run(
        _ table: Table,
        writers: Int,
        duration: Duration,
        limit: Int,
        firstKey: Int = 0
    ) async throws -> LoadResult {
        let issued = Counter()
        let configuration = LoadConfiguration(
            connections: 1,
            concurrency: writers,
            payloadBytes: valueSize,
            warmup: .zero,
            duration: duration,
            maxCalls: limit
        )
        let result = try await LoadDriver(configuration: configuration).run(stack: "store") { _ in
            {
                let number = issued.next()
                guard number <= limit else { return }
                try await table.put(key(firstKey + number), value(number))
            }
        }
        guard result.errors == 0 else {
            throw BenchmarkError("\(result.errors) puts failed: \(result.errorCounts)")
        }
        return result
    }
}

/// A shared counter handing out 1, 2, 3, … to concurrent writers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}
