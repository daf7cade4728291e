import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact delete ID`: ContactService/DeleteContact.
struct ContactDeleteCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a contact.",
        discussion: """
            The contact is also removed from its groups and from the recipients of rules, and \
            contacts that had it as their alternate lose that alternate; the command lists what \
            was cleaned up.
            """
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var id: String

    @Option(
        help: ArgumentHelp("Only delete if the contact is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel)
            .deleteContact(DeleteContactRequest(id: id, expectedVersion: expectedVersion ?? 0))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.deletion(id: id, response))
    }
}
