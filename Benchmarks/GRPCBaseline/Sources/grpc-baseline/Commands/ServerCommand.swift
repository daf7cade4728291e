import ArgumentParser

/// `grpc-baseline server`: serves the echo method until SIGTERM or SIGINT.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Serve the echo method over HTTP/2 + mutual TLS on 127.0.0.1 until SIGTERM or SIGINT.",
        discussion: "Prints 'listening on 127.0.0.1:PORT pid PID' on one line once it accepts connections."
    )

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @OptionGroup(title: "TLS")
    var tls: ServerTLSOptions

    @Option(help: ArgumentHelp("Also stop when this process has gone (used by `run`).", visibility: .hidden))
    var parentPid: Int32?

    func validate() throws {
        guard (0...65_535).contains(self.port) else { throw ValidationError("--port must be 0...65535") }
    }

    func run() async throws {
        let server = EchoServer(
            port: self.port,
            transportSecurity: try self.tls.transportSecurity(),
            parentPID: self.parentPid
        )
        try await server.run()
    }
}
