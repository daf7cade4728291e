import ArgumentParser
import HeraldBenchSupport

/// `grpc-baseline load`: closed-loop load against a running echo server.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a running echo server and print calls/s, latency percentiles and CPU per call."
    )

    @Option(help: "The server's port on 127.0.0.1.")
    var port: Int

    @Option(help: "The server's pid, to read its CPU time from /proc (omit to skip).")
    var serverPid: Int32?

    @OptionGroup(title: "Load")
    var load: LoadOptions

    @OptionGroup(title: "TLS")
    var tls: ClientTLSOptions

    func validate() throws {
        guard (1...65_535).contains(self.port) else { throw ValidationError("--port must be 1...65535") }
    }

    func run() async throws {
        let echoLoad = EchoLoad(
            port: self.port,
            serverPID: self.serverPid,
            transportSecurity: try self.tls.transportSecurity()
        )
        var results: [LoadResult] = []
        for configuration in self.load.configurations {
            ReportPrinter.progress(ReportPrinter.describe(configuration))
            results.append(try await echoLoad.run(configuration))
        }
        try ReportPrinter.print(LoadReport(results: results), json: self.load.json)
    }
}
