import ArgumentParser

/// `herald group …`: contact groups.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Manage contact groups and their members (GroupService).",
        subcommands: [
            GroupCreateCommand.self, GroupGetCommand.self, GroupListCommand.self, GroupUpdateCommand.self,
            GroupDeleteCommand.self, GroupAddMembersCommand.self, GroupRemoveMembersCommand.self,
            GroupOfContactCommand.self,
        ]
    )
}
