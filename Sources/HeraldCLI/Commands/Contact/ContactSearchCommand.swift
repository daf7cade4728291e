import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact search QUERY`: ContactService/SearchContacts.
struct ContactSearchCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find contacts whose name, phone or email contains the text (case-insensitive).",
        discussion: """
            Examples:
              herald contact search zhang
              herald contact search '139 1234' --field phone
            """
    )

    @Argument(help: "The text to look for, 1–100 characters.")
    var query: String

    @Option(
        help: "The field to search: \(ContactSearchField.cliChoices) (default any).",
        transform: { try ContactSearchField.cliValue($0) }
    )
    var field: ContactSearchField?

    @OptionGroup var pages: PageOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["field": "--field"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let client = ContactServiceClient(channel: channel)
        let read = try await pages.read { size, token in
            let response = try await client.searchContacts(
                SearchContactsRequest(query: query, field: field ?? .unspecified, pageSize: size, pageToken: token)
            )
            return (response.contacts, response.nextPageToken, response.totalSize)
        }
        var command = ["herald", "contact", "search", query] + connection.hintArguments
        if let field { command += ["--field", field.cliName] }
        return pages.output(
            read,
            json: output.json,
            response: SearchContactsResponse.init(contacts:nextPageToken:totalSize:),
            table: ContactOutput.table,
            noun: "contacts",
            command: command
        )
    }
}
