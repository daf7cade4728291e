import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact disable-method ID phone|email --reason …`: ContactService/DisableContactMethod.
struct ContactDisableMethodCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-method",
        abstract: "Turn off a contact's phone or email (admin); it receives nothing until enabled.",
        discussion: """
            Open verifications of the method are cancelled. Disabling a disabled method only \
            replaces the reason.

            Example: herald contact disable-method ct_… phone --reason 'number given up'
            """
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var id: String

    @Argument(
        help: ArgumentHelp("The method: \(ContactMethodKind.cliChoices).", valueName: "method"),
        transform: { try ContactMethodKind.cliValue($0) }
    )
    var method: ContactMethodKind

    @Option(help: "Why, shown to other admins (up to 200 characters).")
    var reason: String

    @Option(
        help: ArgumentHelp(
            "Only change the contact if it is still at this version (0: no check).",
            valueName: "version"
        )
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["reason": "--reason"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).disableContactMethod(
            DisableContactMethodRequest(
                contactID: id,
                method: method,
                reason: reason,
                expectedVersion: expectedVersion ?? 0
            )
        )
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.details(response.contact ?? Contact()))
    }
}
