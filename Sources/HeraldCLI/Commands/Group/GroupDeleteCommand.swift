import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group delete ID`: GroupService/DeleteGroup.
struct GroupDeleteCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a group (its contacts are kept); rules naming it drop it."
    )

    @Argument(help: ArgumentHelp("The group's id.", valueName: "group-id"))
    var id: String

    @Option(
        help: ArgumentHelp("Only delete if the group is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel)
            .deleteGroup(DeleteGroupRequest(id: id, expectedVersion: expectedVersion ?? 0))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        var lines = ["deleted \(id)"]
        if !response.removedFromRuleIDs.isEmpty {
            lines.append("removed from rules: " + response.removedFromRuleIDs.joined(separator: ", "))
        }
        return CommandOutput(text: lines.joined(separator: "\n"))
    }
}
