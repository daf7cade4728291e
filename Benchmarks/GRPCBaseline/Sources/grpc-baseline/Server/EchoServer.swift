import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import HeraldBenchSupport

/// The baseline server: ``EchoService`` over HTTP/2 + mutual TLS on 127.0.0.1.
struct EchoServer {
    /// The port to listen on; 0 picks a free one.
    var port: Int

    /// The server's TLS configuration.
    var transportSecurity: HTTP2ServerTransport.Posix.TransportSecurity

    /// A process whose exit also stops the server, or `nil`.
    var parentPID: Int32?

    /// Listens, prints `listening on 127.0.0.1:PORT pid PID` on standard output, and serves until
    /// SIGTERM or SIGINT (or the parent's exit), then shuts down gracefully.
    ///
    /// - Throws: If the server cannot bind or fails while serving.
    func run() async throws {
        let server = GRPCServer(
            transport: .http2NIOPosix(
                address: .ipv4(host: "127.0.0.1", port: self.port),
                transportSecurity: self.transportSecurity
            ),
            services: [EchoService()]
        )
        let triggers = ShutdownTriggers(parentPID: self.parentPID) {
            server.beginGracefulShutdown()
        }
        defer { triggers.cancel() }

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let address = try await server.transport.listeningAddress
            guard let ipv4 = address.ipv4 else {
                throw BenchmarkError("the server is not listening on an IPv4 address: \(address)")
            }
            let announcement = ListeningAnnouncement(host: ipv4.host, port: ipv4.port, pid: getpid())
            // FileHandle writes straight to the descriptor: a parent reading a pipe sees it at once.
            FileHandle.standardOutput.write(Data("\(announcement)\n".utf8))
        }
    }
}
