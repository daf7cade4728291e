public import ArgumentParser

/// The `herald` command line.
public struct HeraldCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "The Herald command line: manage contacts, groups and tenant settings; call any RPC.",
        discussion: """
            With no connection options, herald reaches the development server started by \
            Scripts/run.sh (127.0.0.1:7443) with the development admin certificate in Certs/dev. \
            Exit status: 0 on success, 10 + the status code for RPC errors (e.g. 15 NOT_FOUND, \
            17 PERMISSION_DENIED, 24 UNAVAILABLE), 1 for other failures, 64 for bad usage.
            """,
        subcommands: [
            ContactCommand.self, GroupCommand.self, TenantCommand.self, HealthCommand.self, PingCommand.self,
            CallCommand.self, DescribeCommand.self, MethodsCommand.self,
        ]
    )

    public init() {}

    /// Parses the arguments, runs the chosen command, and exits with its status.
    public static func runAndExit(arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit()
        } catch {
            exit(withError: error)
        }
    }
}
