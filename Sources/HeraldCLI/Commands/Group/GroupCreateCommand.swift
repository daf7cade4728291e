import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group create --name …`: GroupService/CreateGroup.
struct GroupCreateCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a group, optionally with members.",
        discussion: """
            Example:
              herald group create --name DBA --note 'Database on-call' --member ct_… --member ct_…
            """
    )

    @Option(help: "Name, 1–100 characters, unique in the tenant (case-insensitive).")
    var name: String

    @Option(help: "Free-text note, up to 500 characters.")
    var note: String?

    @Option(help: ArgumentHelp("A member contact; repeat for more.", valueName: "contact-id"))
    var member: [String] = []

    @Option(help: ArgumentHelp("Makes the call safe to repeat: a repeat gets the first result.", valueName: "key"))
    var idempotencyKey: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags([
        "group.name": "--name", "group.note": "--note", "group.member_contact_ids": "--member",
    ])

    /// The request the flags describe.
    var request: CreateGroupRequest {
        CreateGroupRequest(group: ContactGroup(name: name, note: note ?? "", memberContactIDs: member))
    }

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await GroupServiceClient(channel: channel)
            .createGroup(request, options: CallOptions(idempotencyKey: idempotencyKey))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: GroupOutput.details(response.group ?? ContactGroup()))
    }
}
