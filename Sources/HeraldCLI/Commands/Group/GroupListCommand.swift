import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald group list`: GroupService/ListGroups.
struct GroupListCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tenant's groups in creation order."
    )

    @Option(help: "Only groups whose name contains this text (case-insensitive).")
    var nameFilter: String?

    @OptionGroup var pages: PageOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["name_contains": "--name-filter"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let client = GroupServiceClient(channel: channel)
        let read = try await pages.read { size, token in
            let response = try await client.listGroups(
                ListGroupsRequest(pageSize: size, pageToken: token, nameContains: nameFilter ?? "")
            )
            return (response.groups, response.nextPageToken, response.totalSize)
        }
        var command = ["herald", "group", "list"] + connection.hintArguments
        if let nameFilter { command += ["--name-filter", nameFilter] }
        return pages.output(
            read,
            json: output.json,
            response: ListGroupsResponse.init(groups:nextPageToken:totalSize:),
            table: GroupOutput.table,
            noun: "groups",
            command: command
        )
    }
}
