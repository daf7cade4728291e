import ArgumentParser
import Foundation
import HeraldBenchSupport
import HeraldClient
import HeraldProtos
import HeraldTLS
import HeraldTransport

/// `herald-bench`: load against a real heraldd, optionally beside the grpc-swift-2 baseline.
@main
struct HeraldBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald-bench",
        abstract: "Benchmarks of Herald's transport and services against a real heraldd process.",
        subcommands: [TransportBenchmark.self, ContactsBenchmark.self]
    )
}

/// Options every benchmark shares: where heraldd and the certificates are.
struct ServerOptions: ParsableArguments {
    @Option(help: "The heraldd binary to start (default: the one next to herald-bench).")
    var heraldd: String?

    @Option(help: "Directory with ca.pem, server.pem, server-key.pem, admin.pem, admin-key.pem, policy.json.")
    var certs = "Certs/dev"

    /// Starts heraldd on a free port with a fresh data directory and runs `body` with it and a
    /// list for the channels `body` opens; then, also when `body` throws, closes those channels,
    /// stops heraldd and deletes the data directory.
    func withServer<Result>(
        extraArguments: [String] = [],
        _ body: (ServerProcess, ChannelList) async throws -> Result
    ) async throws -> Result {
        let executable =
            try heraldd
            ?? URL(fileURLWithPath: ServerProcess.currentExecutablePath()).deletingLastPathComponent()
            .appendingPathComponent("heraldd").path
        guard FileManager.default.fileExists(atPath: "\(certs)/server.pem") else {
            throw ValidationError("\(certs)/server.pem is missing: run Certs/make-dev-certs.sh first")
        }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("herald-bench-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let heraldd = try await ServerProcess.launch(
            executable: executable,
            arguments: [
                "--listen", "127.0.0.1:0", "--data-dir", data, "--log-level", "warning",
                "--tls-cert", "\(certs)/server.pem", "--tls-key", "\(certs)/server-key.pem", "--tls-ca",
                "\(certs)/ca.pem",
                "--policy", "\(certs)/policy.json",
            ] + extraArguments
        )
        let channels = ChannelList()
        let result: Result
        do {
            result = try await body(heraldd, channels)
        } catch {
            await channels.closeAll()
            await heraldd.terminate()
            throw error
        }
        await channels.closeAll()
        await heraldd.terminate()
        return result
    }

    /// A channel of one connection to `heraldd`, as the development admin, closed with `channels`.
    func channel(
        to heraldd: ServerProcess,
        in channels: ChannelList,
        ioThreads: IOThreads = .dedicated
    ) async throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: "\(heraldd.announcement.host):\(heraldd.announcement.port)"),
            tls: .client(
                certificateChainPath: "\(certs)/admin.pem",
                privateKeyPath: "\(certs)/admin-key.pem",
                trustRootsPath: "\(certs)/ca.pem",
                serverName: "localhost"
            )
        )
        configuration.connectionCount = 1
        configuration.retry.maxAttempts = 1
        configuration.ioThreads = ioThreads
        let channel = try HeraldChannel(configuration: configuration)
        await channels.add(channel)
        return channel
    }
}

/// The channels a run opened, closed at the end.
actor ChannelList {
    private var channels: [HeraldChannel] = []

    func add(_ channel: HeraldChannel) {
        channels.append(channel)
    }

    func closeAll() async {
        for channel in channels { await channel.close() }
        channels = []
    }
}
