import ArgumentParser
import HeraldClient
import HeraldProtos
import HeraldRPC

/// `herald ping`: round trips through TLS, framing, routing and access control.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Measure round trips to the server (HealthService/Echo)."
    )

    @Option(name: .shortAndLong, help: "How many round trips.")
    var count = 5

    @Option(help: "Payload bytes per round trip.")
    var size = 64

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be 1…100000") }
        guard (0...(1 << 20)).contains(size) else { throw ValidationError("--size must be 0…1048576") }
    }

    func run() async throws {
        let channel = try connection.makeChannel()
        do {
            try await reportingErrors { try await roundTrips(channel) }
        } catch {
            await channel.close()
            throw error
        }
        await channel.close()
    }

    /// Prints each round trip as it comes back, then the summary.
    private func roundTrips(_ channel: HeraldChannel) async throws {
        let payload = [UInt8](repeating: 0x68, count: size)
        var latencies: [Duration] = []
        for index in 1...count {
            let started = ContinuousClock.now
            _ = try await channel.health.echo(EchoRequest(payload: payload))
            let elapsed = ContinuousClock.now - started
            latencies.append(elapsed)
            print("\(size) bytes: seq=\(index) time=\(format(elapsed))")
        }
        let sorted = latencies.sorted()
        print(
            "\(count) round trips: min \(format(sorted.first!)), median \(format(sorted[sorted.count / 2])), max \(format(sorted.last!))"
        )
    }

    private func format(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return microseconds < 10_000 ? "\(microseconds) µs" : "\(microseconds / 1000) ms"
    }
}
