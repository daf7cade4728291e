import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact enable-method ID phone|email`: ContactService/EnableContactMethod.
struct ContactEnableMethodCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-method",
        abstract: "Turn a disabled phone or email back on (admin); it must then be verified again."
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var id: String

    @Argument(
        help: ArgumentHelp("The method: \(ContactMethodKind.cliChoices).", valueName: "method"),
        transform: { try ContactMethodKind.cliValue($0) }
    )
    var method: ContactMethodKind

    @Option(
        help: ArgumentHelp(
            "Only change the contact if it is still at this version (0: no check).",
            valueName: "version"
        )
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).enableContactMethod(
            EnableContactMethodRequest(contactID: id, method: method, expectedVersion: expectedVersion ?? 0)
        )
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.details(response.contact ?? Contact()))
    }
}
