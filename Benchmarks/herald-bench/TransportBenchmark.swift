import ArgumentParser
import Foundation
import HeraldBenchSupport
import HeraldClient
import HeraldProtos
import HeraldRPC

/// `herald-bench transport`: closed-loop unary echo calls over mutual TLS.
struct TransportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "Unary calls/s and latency over mutual TLS (HealthService/Echo), optionally beside grpc-swift-2.",
        discussion: """
            Starts heraldd (release build recommended: swift run -c release herald-bench transport), \
            opens C connections with N calls in flight on each, and reports calls/s, latency \
            percentiles and the server's CPU time per call from /proc. With --baseline the same load \
            runs against the grpc-swift-2 server of Benchmarks/GRPCBaseline and the ratio is printed.
            """
    )

    @Option(name: .shortAndLong, help: "Connections (C).") var connections = 4
    @Option(name: [.customShort("n"), .long], help: "Calls in flight per connection (N).") var concurrency = 64
    @Option(help: "Payload bytes echoed per call.") var payload = 200
    @Option(help: "Measured seconds.") var duration = 10
    @Option(help: "Warm-up seconds.") var warmup = 2
    @Option(help: "Stop after this many calls.") var maxCalls = 10_000_000
    @Flag(help: "Also run the grpc-swift-2 baseline with the same load and print the ratio.") var baseline = false
    @Option(help: "The grpc-baseline binary (default: Benchmarks/GRPCBaseline/.build/release/grpc-baseline).")
    var baselineBinary = "Benchmarks/GRPCBaseline/.build/release/grpc-baseline"
    @Flag(help: "Print only the JSON report.") var json = false
    @Flag(help: "Client I/O on the threads Swift's tasks run on (ClientConfiguration.ioThreads = .shared).")
    var sharedIOThreads = false
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let load = LoadConfiguration(
            connections: connections,
            concurrency: concurrency,
            payloadBytes: payload,
            warmup: .seconds(warmup),
            duration: .seconds(duration),
            maxCalls: maxCalls
        )
        var results = [try await runHerald(load)]
        if baseline { results.append(try await runBaseline()) }
        let report = LoadReport(results: results, baseline: baseline ? "grpc" : nil)
        if !json { print(report.table()) }
        print(try report.jsonString())
    }

    private func runHerald(_ load: LoadConfiguration) async throws -> LoadResult {
        let limits = [
            "--max-concurrent-calls", "\(max(100, concurrency))", "--max-connections", "\(max(1024, connections * 2))",
        ]
        return try await server.withServer(extraArguments: limits) { heraldd, channels in
            let bytes = [UInt8](repeating: 0x61, count: payload)
            let ioThreads: IOThreads = sharedIOThreads ? .shared : .dedicated
            return try await LoadDriver(configuration: load).run(stack: "herald", serverPID: heraldd.pid) { _ in
                let channel = try await server.channel(to: heraldd, in: channels, ioThreads: ioThreads)
                _ = try await channel.health.echo(EchoRequest(payload: bytes))
                let request = EchoRequest(payload: bytes)
                return { _ = try await channel.health.echo(request) }
            }
        }
    }

    /// Runs `grpc-baseline run` with the same load and reads its JSON report.
    private func runBaseline() async throws -> LoadResult {
        guard FileManager.default.isExecutableFile(atPath: baselineBinary) else {
            throw ValidationError(
                "\(baselineBinary) is missing; build it with: swift build -c release --package-path Benchmarks/GRPCBaseline"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: baselineBinary)
        process.arguments = [
            "run", "--connections", "\(connections)", "--concurrency", "\(concurrency)", "--payload", "\(payload)",
            "--duration", "\(duration)", "--warmup", "\(warmup)", "--max-calls", "\(maxCalls)", "--json",
            "--server-cert", "\(server.certs)/server.pem", "--server-key", "\(server.certs)/server-key.pem",
            "--ca", "\(server.certs)/ca.pem", "--cert", "\(server.certs)/admin.pem",
            "--key", "\(server.certs)/admin-key.pem",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("grpc-baseline failed with status \(process.terminationStatus)")
        }
        let report = try LoadReport(json: data)
        guard let result = report.results.first else { throw ValidationError("grpc-baseline reported no result") }
        return result
    }
}
