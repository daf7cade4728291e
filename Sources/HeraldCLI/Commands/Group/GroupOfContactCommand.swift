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
        if output.json {
            let response = ListContactGroupsResponse(
                groups: read.items,
                nextPageToken: read.nextPageToken,
                totalSize: read.totalSize
            )
            return CommandOutput(text: response.jsonString(pretty: true))
        }
        let command = ["herald", "group", "of-contact", contactID] + connection.hintArguments + pages.hintArguments
        return CommandOutput(
            text: GroupOutput.table(read.items) + "\n"
                + listFooter(
                    shown: read.items.count,
                    total: read.totalSize,
                    noun: "groups",
                    nextPageToken: read.nextPageToken,
                    command: command
                )
        )
    }
}
