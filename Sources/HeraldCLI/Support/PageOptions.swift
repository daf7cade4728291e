import ArgumentParser
import HeraldProtos

/// `--page-size`, `--page-token` and `--all`, shared by the list commands.
struct PageOptions: ParsableArguments, Sendable {
    @Option(help: "Items per page (default 50, at most 500; with --all, 500).")
    var pageSize: Int32?

    @Option(help: "Continue with the page after a previous one (the token it printed).")
    var pageToken: String?

    @Flag(help: "Follow next-page tokens to the last page (stops after 10,000 items).")
    var all = false

    /// The page size to request: the given one, 500 with `--all`, otherwise 0 (the server's
    /// default).
    var requestedPageSize: Int32 { pageSize ?? (all ? 500 : 0) }

    /// Reads the page at `--page-token` (or the first), and with `--all` the pages after it.
    func read<Item: Sendable>(
        _ fetch: (_ pageSize: Int32, _ pageToken: String) async throws -> (
            items: [Item], nextPageToken: String, totalSize: UInt32
        )
    ) async throws -> Pages<Item> {
        let size = requestedPageSize
        return try await Pages.read(from: pageToken ?? "", all: all) { token in try await fetch(size, token) }
    }

    /// `--page-size N` when given, for the next-page hint.
    var hintArguments: [String] { pageSize.map { ["--page-size", "\($0)"] } ?? [] }

    /// What a list command prints for the pages it read: with `--json`, the response rebuilt
    /// from every item read; otherwise the table, how many items of how many, and the command
    /// that reads the next page.
    ///
    /// - Parameters:
    ///   - response: the list RPC's response holding the items, next-page token and total.
    ///   - table: the items as a table.
    ///   - noun: the plural item name, e.g. `contacts`.
    ///   - command: the command with its connection options and filters (the page size is
    ///     added here).
    func output<Item, Response: ProtoMessage>(
        _ pages: Pages<Item>,
        json: Bool,
        response: (_ items: [Item], _ nextPageToken: String, _ totalSize: UInt32) -> Response,
        table: ([Item]) -> String,
        noun: String,
        command: [String]
    ) -> CommandOutput {
        if json {
            let rebuilt = response(pages.items, pages.nextPageToken, pages.totalSize)
            return CommandOutput(text: rebuilt.jsonString(pretty: true))
        }
        let footer = listFooter(
            shown: pages.items.count,
            total: pages.totalSize,
            noun: noun,
            nextPageToken: pages.nextPageToken,
            command: command + hintArguments
        )
        return CommandOutput(text: table(pages.items) + "\n" + footer)
    }
}

extension ConnectionOptions {
    /// `--server` and `--tenant` when given as flags, for the next-page hint (the environment
    /// still applies when the command is run again).
    var hintArguments: [String] {
        (server.map { ["--server", $0] } ?? []) + (tenant.map { ["--tenant", $0] } ?? [])
    }
}
