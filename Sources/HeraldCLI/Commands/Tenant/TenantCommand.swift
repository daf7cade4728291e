import ArgumentParser

/// `herald tenant …`: the tenant's settings.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Show or change the tenant's settings (site, phone fallback, call countries, quotas).",
        subcommands: [TenantGetCommand.self, TenantSetCommand.self]
    )
}
