import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group update ID …`: GroupService/UpdateGroup with the mask of the flags given.
struct GroupUpdateCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Rename a group or change its note.",
        discussion: """
            Only the fields whose flags you give are changed: the flags make the request's \
            update_mask. --note '' removes the note. Members change with add-members and \
            remove-members.
            """
    )

    @Argument(help: ArgumentHelp("The group's id.", valueName: "group-id"))
    var id: String

    @Option(help: "New name.")
    var name: String?

    @Option(help: "New note ('' removes it).")
    var note: String?

    @Option(
        help: ArgumentHelp("Only update if the group is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["group.name": "--name", "group.note": "--note"])

    func validate() throws {
        if request.updateMask.isEmpty { throw ValidationError("nothing to update: give --name and/or --note") }
    }

    /// The request the flags describe, its mask naming exactly the fields given.
    var request: UpdateGroupRequest {
        var group = ContactGroup(id: id)
        var mask: [String] = []
        if let name {
            group.name = name
            mask.append("name")
        }
        if let note {
            group.note = note
            mask.append("note")
        }
        return UpdateGroupRequest(group: group, updateMask: mask, expectedVersion: expectedVersion ?? 0)
    }

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel).updateGroup(request)
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: GroupOutput.details(response.group ?? ContactGroup()))
    }
}
