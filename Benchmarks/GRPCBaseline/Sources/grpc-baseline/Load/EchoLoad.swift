import GRPCCore
import GRPCNIOTransportHTTP2
import HeraldBenchSupport

/// Runs the shared load driver against an echo server: one grpc client (one HTTP/2 connection) per
/// connection of the configuration.
struct EchoLoad {
    /// The server's port on 127.0.0.1.
    var port: Int

    /// The server's pid, to sample its CPU time, or `nil`.
    var serverPID: Int32?

    /// The clients' TLS configuration.
    var transportSecurity: HTTP2ClientTransport.Posix.TransportSecurity

    /// The name in reports.
    static let stack = "grpc"

    /// Runs one load shape.
    ///
    /// Each client makes one call before the warm-up, so connections and TLS handshakes are done
    /// before anything is timed. The clients shut down gracefully afterwards.
    ///
    /// - Throws: If a client cannot be made or its first call fails, or a ``BenchmarkError``.
    func run(_ configuration: LoadConfiguration) async throws -> LoadResult {
        let clients = try (0..<configuration.connections).map { _ in
            GRPCClient(
                transport: try .http2NIOPosix(
                    target: .ipv4(address: "127.0.0.1", port: self.port),
                    transportSecurity: self.transportSecurity
                )
            )
        }
        let payload = EchoClient.payload(count: configuration.payloadBytes)
        let driver = LoadDriver(configuration: configuration)
        let serverPID = self.serverPID
        return try await withThrowingTaskGroup(of: Void.self, returning: LoadResult.self) { group in
            for client in clients {
                group.addTask { try await client.runConnections() }
            }
            let result = try await driver.run(stack: Self.stack, serverPID: serverPID) { index in
                let echo = EchoClient(client: clients[index], payload: payload)
                try await echo.echo()
                return { try await echo.echo() }
            }
            for client in clients {
                client.beginGracefulShutdown()
            }
            try await group.waitForAll()
            return result
        }
    }
}
