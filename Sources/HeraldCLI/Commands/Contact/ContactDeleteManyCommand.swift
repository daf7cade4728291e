import ArgumentParser
import HeraldProtos
import HeraldRPC
import HeraldWire

/// `herald contact delete-many ID…`: ContactService/BatchDeleteContacts.
struct ContactDeleteManyCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-many",
        abstract: "Delete several contacts (1–100), each on its own; prints the result of each.",
        discussion: """
            Each contact is deleted as by `herald contact delete`; one failing does not stop the \
            others. Exit status: 0 when every contact was deleted, otherwise 10 + the status code \
            of the first failure (e.g. 15 for NOT_FOUND).
            """
    )

    @Argument(help: ArgumentHelp("The contacts' ids.", valueName: "contact-id"))
    var ids: [String]

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(["ids": "<contact-id>"])

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel)
            .batchDeleteContacts(BatchDeleteContactsRequest(ids: ids))
        let firstFailure = response.results.lazy.compactMap { $0.status?.code }.first { $0 != .ok }
        return CommandOutput(
            text: output.json ? response.jsonString(pretty: true) : ContactOutput.batchDeletion(response),
            status: firstFailure.map(ExitStatus.forStatus) ?? 0
        )
    }
}
