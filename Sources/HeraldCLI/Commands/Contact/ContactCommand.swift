import ArgumentParser

/// `herald contact …`: alert contacts.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Create, read, update and delete alert contacts (ContactService).",
        subcommands: [
            ContactCreateCommand.self, ContactGetCommand.self, ContactListCommand.self, ContactSearchCommand.self,
            ContactUpdateCommand.self, ContactDeleteCommand.self, ContactDeleteManyCommand.self,
            ContactDisableMethodCommand.self, ContactEnableMethodCommand.self,
        ]
    )
}
