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

    /// Starts heraldd on a free port with a fresh data directory.
    func launch(extraArguments: [String] = []) async throws -> ServerProcess {
        let executable =
            try heraldd
            ?? URL(fileURLWithPath: ServerProcess.currentExecutablePath()).deletingLastPathComponent()
            .appendingPathComponent("heraldd").path
        guard FileManager.default.fileExists(atPath: "\(certs)/server.pem") else {
            throw ValidationError("\(certs)/server.pem is missing: run Certs/make-dev-certs.sh first")
        }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("herald-bench-\(UUID().uuidString)")
            .path
        return try await ServerProcess.launch(
            executable: executable,
            arguments: [
                "--listen", "127.0.0.1:0", "--data-dir", data, "--log-level", "warning",
                "--tls-cert", "\(certs)/server.pem", "--tls-key", "\(certs)/server-key.pem", "--tls-ca",
                "\(certs)/ca.pem",
                "--policy", "\(certs)/policy.json",
            ] + extraArguments
        )
    }

    /// A channel of one connection to `address`, as the development admin.
    func channel(to address: String, tenant: String? = nil, ioThreads: IOThreads = .dedicated) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: .client(
                certificateChainPath: "\(certs)/admin.pem",
                privateKeyPath: "\(certs)/admin-key.pem",
                trustRootsPath: "\(certs)/ca.pem",
                serverName: "localhost"
            )
        )
        configuration.connectionCount = 1
        configuration.defaultTenant = tenant
        configuration.retry.maxAttempts = 1
        configuration.ioThreads = ioThreads
        return try HeraldChannel(configuration: configuration)
    }
}
