import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group of-contact CONTACT_ID`: GroupService/ListContactGroups.
struct GroupOfContactCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "of-contact",
        abstract: "List the groups a contact belongs to."
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var contactID: String

    @OptionGroup var pages: PageOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let client = GroupServiceClient(channel: channel)
        let read = try await pages.read { size, token in
            let response = try await client.listContactGroups(
                ListContactGroupsRequest(contactID: contactID, pageSize: size, pageToken: token)
            )
            return (response.groups, response.nextPageToken, response.totalSize)
        }
        return pages.output(
            read,
            json: output.json,
            response: ListContactGroupsResponse.init(groups:nextPageToken:totalSize:),
            table: GroupOutput.table,
            noun: "groups",
            command: ["herald", "group", "of-contact", contactID] + connection.hintArguments
        )
    }
}
