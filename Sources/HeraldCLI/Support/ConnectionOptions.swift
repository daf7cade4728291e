public import ArgumentParser
import Foundation
import HeraldClient
import HeraldRPC
import HeraldTLS
import HeraldTransport

/// How the CLI reaches the server; every option has an environment variable, and the defaults
/// reach a development server started by `Scripts/run.sh` from the repository root.
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("server"),
        help: "Server address, host:port (env: HERALD_SERVER; default: 127.0.0.1:7443)."
    )
    var server: String?

    @Option(help: "Tenant to act on (env: HERALD_TENANT).")
    var tenant: String?

    @Option(help: "Client certificate, PEM (env: HERALD_CERT; default: Certs/dev/admin.pem).")
    var cert: String?

    @Option(help: "Client private key, PEM (env: HERALD_KEY; default: Certs/dev/admin-key.pem).")
    var key: String?

    @Option(help: "CA that signed the server's certificate, PEM (env: HERALD_CA; default: Certs/dev/ca.pem).")
    var ca: String?

    @Option(
        name: .customLong("server-name"),
        help: "Name to verify in the server's certificate (env: HERALD_SERVER_NAME; default: the server's host)."
    )
    var serverName: String?

    @Option(help: "Deadline of each call, e.g. 5s or 500ms (env: HERALD_TIMEOUT; default: 10s).")
    var timeout: String?

    @Flag(help: "Connect without TLS, to a plaintext loopback listener behind a sidecar.")
    var plaintext = false

    public init() {}

    private func setting(_ flag: String?, _ variable: String, _ fallback: String?) -> String? {
        flag ?? ProcessInfo.processInfo.environment[variable] ?? fallback
    }

    /// The tenant from `--tenant` or `HERALD_TENANT`.
    var resolvedTenant: String? { setting(tenant, "HERALD_TENANT", nil) }

    /// A channel configured from the options.
    func makeChannel() throws -> HeraldChannel {
        let serverText = setting(server, "HERALD_SERVER", "127.0.0.1:7443")!
        let address: SocketAddress
        do {
            address = try SocketAddress(parsing: serverText)
        } catch {
            throw ValidationError("--server: \(error)")
        }
        let host = serverText.split(separator: ":").dropLast().joined(separator: ":")
            .trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let tls = TLSConfiguration.client(
            certificateChainPath: try existingFile(setting(cert, "HERALD_CERT", "Certs/dev/admin.pem")!, "--cert"),
            privateKeyPath: try existingFile(setting(key, "HERALD_KEY", "Certs/dev/admin-key.pem")!, "--key"),
            trustRootsPath: try existingFile(setting(ca, "HERALD_CA", "Certs/dev/ca.pem")!, "--ca"),
            serverName: setting(serverName, "HERALD_SERVER_NAME", host)
        )
        var configuration = ClientConfiguration(serverAddress: address, tls: tls)
        configuration.plaintext = plaintext
        configuration.defaultTenant = resolvedTenant
        configuration.defaultTimeout = try parseDuration(setting(timeout, "HERALD_TIMEOUT", "10s")!)
        configuration.connectTimeout = configuration.defaultTimeout ?? .seconds(10)
        return try HeraldChannel(configuration: configuration)
    }

    private func existingFile(_ path: String, _ option: String) throws -> String {
        guard plaintext || FileManager.default.fileExists(atPath: path) else {
            throw ValidationError(
                "\(option): \(path) does not exist. Run Certs/make-dev-certs.sh for development certificates, or pass \(option)."
            )
        }
        return path
    }

    private func parseDuration(_ text: String) throws -> Duration {
        for (suffix, unit) in [("ms", Duration.milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60))]
        where text.hasSuffix(suffix) {
            if let amount = Int(text.dropLast(suffix.count)), amount > 0 { return unit * amount }
        }
        throw ValidationError("--timeout: expected a duration such as 500ms, 10s or 1m, not \(text)")
    }
}

/// `--json`: print machine-readable output instead of tables.
public struct OutputOptions: ParsableArguments, Sendable {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    public init() {}
}
