import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald health [SERVICE]`: whether the server (or one service) is serving; exit status 1
/// when it is not.
struct HealthCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check whether the server (or one service) is serving."
    )

    @Argument(help: "A service's full name, e.g. herald.v1.ContactService (default: the whole server).")
    var service: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await HealthServiceClient(channel: channel).check(HealthCheckRequest(service: service ?? ""))
        let status: Int32 = response.status == .serving ? 0 : 1
        if output.json { return CommandOutput(text: response.jsonString(pretty: true), status: status) }
        var table = Table("VERSION", "UPTIME", "PROTOCOL")
        table.add(
            response.serverVersion,
            formatDuration(milliseconds: response.uptimeMs),
            "\(response.protocolVersion)"
        )
        var lines = [response.status.shortName, table.rendered]
        if !response.components.isEmpty {
            var components = Table("COMPONENT", "STATUS", "DETAIL")
            for component in response.components {
                components.add(component.name, component.status.shortName, component.detail)
            }
            lines.append(components.rendered)
        }
        return CommandOutput(text: lines.joined(separator: "\n"), status: status)
    }
}

/// `1h 02m 03s` style.
func formatDuration(milliseconds: Int64) -> String {
    let seconds = milliseconds / 1000
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m \(seconds % 60)s" }
    return "\(seconds / 3600)h \((seconds % 3600) / 60)m"
}
