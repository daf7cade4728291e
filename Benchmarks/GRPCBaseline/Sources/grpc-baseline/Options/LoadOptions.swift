import ArgumentParser
import HeraldBenchSupport

/// The shape and bounds of the load, shared by `load` and `run`.
struct LoadOptions: ParsableArguments {
    @Option(help: "Connections (one grpc client, one HTTP/2 connection each).")
    var connections = 4

    @Option(help: "Calls in flight per connection.")
    var concurrency = 64

    @Option(
        name: .customLong("shape"),
        help: ArgumentHelp(
            "A load shape CONNECTIONSxCONCURRENCY, e.g. 4x64; repeat to run several in turn. "
                + "Overrides --connections and --concurrency.",
            valueName: "CxN"
        )
    )
    var shapes: [LoadShape] = []

    @Option(help: "Request (and echoed response) payload, in bytes.")
    var payload = 200

    @Option(help: "Longest measured period per shape, in seconds.")
    var duration = 10.0

    @Option(help: "Most calls counted per shape; the measured period ends when reached.")
    var maxCalls = 10_000_000

    @Option(help: "Warm-up before each measured period, in seconds.")
    var warmup = 2.0

    @Flag(help: "Print the report as JSON on standard output (the table goes to standard error).")
    var json = false

    func validate() throws {
        guard self.connections >= 1, self.concurrency >= 1 else {
            throw ValidationError("--connections and --concurrency must be at least 1")
        }
        guard self.payload >= 0 else { throw ValidationError("--payload must not be negative") }
        guard self.duration > 0, self.duration <= 3_600 else {
            throw ValidationError("--duration must be more than 0 and at most 3600 seconds")
        }
        guard self.warmup >= 0, self.warmup <= 600 else {
            throw ValidationError("--warmup must be between 0 and 600 seconds")
        }
        guard self.maxCalls >= 1 else { throw ValidationError("--max-calls must be at least 1") }
    }

    /// One configuration per shape, in the order given.
    var configurations: [LoadConfiguration] {
        let shapes =
            self.shapes.isEmpty
            ? [LoadShape(connections: self.connections, concurrency: self.concurrency)] : self.shapes
        return shapes.map { shape in
            LoadConfiguration(
                connections: shape.connections,
                concurrency: shape.concurrency,
                payloadBytes: self.payload,
                warmup: .milliseconds(Int64(self.warmup * 1_000)),
                duration: .milliseconds(Int64(self.duration * 1_000)),
                maxCalls: self.maxCalls
            )
        }
    }
}

/// Connections × calls in flight per connection, parsed from `CxN`.
struct LoadShape: ExpressibleByArgument, Hashable {
    var connections: Int
    var concurrency: Int

    init(connections: Int, concurrency: Int) {
        self.connections = connections
        self.concurrency = concurrency
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let connections = Int(parts[0]), let concurrency = Int(parts[1]),
            connections >= 1, concurrency >= 1
        else { return nil }
        self.init(connections: connections, concurrency: concurrency)
    }
}
