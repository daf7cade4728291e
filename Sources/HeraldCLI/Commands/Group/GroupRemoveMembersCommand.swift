import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group remove-members ID CONTACT_ID…`: GroupService/RemoveGroupMembers.
struct GroupRemoveMembersCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-members",
        abstract: "Remove contacts from a group; ids that are not members are ignored."
    )

    @Argument(help: ArgumentHelp("The group's id.", valueName: "group-id"))
    var id: String

    @Argument(help: ArgumentHelp("The contacts to remove (1–500).", valueName: "contact-id"))
    var contactIDs: [String]

    @Option(
        help: ArgumentHelp("Only change the group if it is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["contact_ids": "<contact-id>"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel).removeGroupMembers(
            RemoveGroupMembersRequest(groupID: id, contactIDs: contactIDs, expectedVersion: expectedVersion ?? 0)
        )
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(
            text: GroupOutput.membershipChange(
                response.group ?? ContactGroup(),
                requested: contactIDs,
                changed: response.removedContactIDs,
                verb: "removed",
                unchangedLabel: "not members"
            )
        )
    }
}
