import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact get ID`: ContactService/GetContact.
struct ContactGetCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show a contact and the groups it belongs to."
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var id: String

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).getContact(GetContactRequest(id: id))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.details(response.contact ?? Contact(), groupIDs: response.groupIDs))
    }
}
