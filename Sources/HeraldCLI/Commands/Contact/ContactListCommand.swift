import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact list`: ContactService/ListContacts.
struct ContactListCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tenant's contacts in creation order.",
        discussion: """
            Example: every contact whose phone still needs verification:
              herald contact list --phone-state unverified --all
            """
    )

    @OptionGroup var pages: PageOptions

    @Option(
        help: ArgumentHelp(
            "Only contacts whose phone is in this state: \(MethodState.filterChoices) (none: no phone).",
            valueName: "state"
        ),
        transform: { try MethodState.filterValue($0) }
    )
    var phoneState: MethodState?

    @Option(
        help: ArgumentHelp(
            "Only contacts whose email is in this state: \(MethodState.filterChoices) (none: no email).",
            valueName: "state"
        ),
        transform: { try MethodState.filterValue($0) }
    )
    var emailState: MethodState?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["phone_state": "--phone-state", "email_state": "--email-state"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let client = ContactServiceClient(channel: channel)
        let read = try await pages.read { size, token in
            let response = try await client.listContacts(
                ListContactsRequest(pageSize: size, pageToken: token, phoneState: phoneState, emailState: emailState)
            )
            return (response.contacts, response.nextPageToken, response.totalSize)
        }
        var command = ["herald", "contact", "list"] + connection.hintArguments
        if let phoneState { command += ["--phone-state", phoneState == .unspecified ? "none" : phoneState.cliName] }
        if let emailState { command += ["--email-state", emailState == .unspecified ? "none" : emailState.cliName] }
        return pages.output(
            read,
            json: output.json,
            response: ListContactsResponse.init(contacts:nextPageToken:totalSize:),
            table: ContactOutput.table,
            noun: "contacts",
            command: command
        )
    }
}
