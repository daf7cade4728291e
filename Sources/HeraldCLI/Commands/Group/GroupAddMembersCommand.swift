import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group add-members ID CONTACT_ID…`: GroupService/AddGroupMembers.
struct GroupAddMembersCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-members",
        abstract: "Add contacts to a group (all or none); contacts already in it are left as they are."
    )

    @Argument(help: ArgumentHelp("The group's id.", valueName: "group-id"))
    var id: String

    @Argument(help: ArgumentHelp("The contacts to add (1–500).", valueName: "contact-id"))
    var contactIDs: [String]

    @Option(
        help: ArgumentHelp("Only change the group if it is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["contact_ids": "<contact-id>"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel).addGroupMembers(
            AddGroupMembersRequest(groupID: id, contactIDs: contactIDs, expectedVersion: expectedVersion ?? 0)
        )
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(
            text: GroupOutput.membershipChange(
                response.group ?? ContactGroup(),
                requested: contactIDs,
                changed: response.addedContactIDs,
                verb: "added",
                unchangedLabel: "already members"
            )
        )
    }
}
