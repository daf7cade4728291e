import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald tenant get`: ContactService/GetTenantSettings.
struct TenantGetCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show the tenant's settings, defaults filled in."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).getTenantSettings(GetTenantSettingsRequest())
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: TenantOutput.details(response.settings ?? TenantSettings()))
    }
}
