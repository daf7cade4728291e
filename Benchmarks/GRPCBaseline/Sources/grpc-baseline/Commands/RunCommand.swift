import ArgumentParser
import Foundation
import HeraldBenchSupport

/// `grpc-baseline run`: starts the server as a child process, loads it, stops it, prints the result.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start the echo server (this executable's `server`), load it, stop it and print the result."
    )

    @OptionGroup(title: "Load")
    var load: LoadOptions

    @OptionGroup(title: "TLS (client)")
    var tls: ClientTLSOptions

    @Option(help: "The server certificate chain (PEM).")
    var serverCert = "Certs/dev/server.pem"

    @Option(help: "The server private key (PEM).")
    var serverKey = "Certs/dev/server-key.pem"

    func run() async throws {
        let transportSecurity = try self.tls.transportSecurity()
        let serverArguments = [
            "server", "--port", "0",
            "--cert", try CertificatePath.resolve(self.serverCert, option: "--server-cert"),
            "--key", try CertificatePath.resolve(self.serverKey, option: "--server-key"),
            "--ca", try CertificatePath.resolve(self.tls.ca, option: "--ca"),
            "--parent-pid", String(getpid()),
        ]
        let server = try await ServerProcess.launch(
            executable: try ServerProcess.currentExecutablePath(),
            arguments: serverArguments
        )
        ReportPrinter.progress("server \(server.announcement)")

        let results: [LoadResult]
        do {
            let echoLoad = EchoLoad(
                port: server.announcement.port,
                serverPID: server.announcement.pid,
                transportSecurity: transportSecurity
            )
            var collected: [LoadResult] = []
            for configuration in self.load.configurations {
                ReportPrinter.progress(ReportPrinter.describe(configuration))
                collected.append(try await echoLoad.run(configuration))
            }
            results = collected
        } catch {
            await server.terminate()
            throw error
        }
        let status = await server.terminate()
        ReportPrinter.progress("server stopped (exit code \(status))")
        try ReportPrinter.print(LoadReport(results: results), json: self.load.json)
    }
}
