import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group get ID`: GroupService/GetGroup.
struct GroupGetCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show a group and its members."
    )

    @Argument(help: ArgumentHelp("The group's id.", valueName: "group-id"))
    var id: String

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel).getGroup(GetGroupRequest(id: id))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: GroupOutput.details(response.group ?? ContactGroup()))
    }
}
