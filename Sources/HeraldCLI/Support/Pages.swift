/// Pages of a list RPC, read one at a time or, with `--all`, followed to the end.
struct Pages<Item: Sendable>: Sendable {
    /// The most items `--all` collects; it stops requesting pages once it holds this many.
    static var allLimit: Int { 10_000 }

    /// The items of the pages read.
    var items: [Item] = []
    /// The token of the page after the last one read; empty when that was the last page.
    var nextPageToken = ""
    /// The number of items matching the query, as the server counted it.
    var totalSize: UInt32 = 0

    /// Reads the page at `token` (empty: the first page) and, when `all` is set, the pages after
    /// it until the last page or until ``allLimit`` items are held.
    ///
    /// - Parameter fetch: reads the page at a token.
    static func read(
        from token: String,
        all: Bool,
        fetch: (String) async throws -> (items: [Item], nextPageToken: String, totalSize: UInt32)
    ) async throws -> Pages {
        var pages = Pages()
        var token = token
        while true {
            let page = try await fetch(token)
            pages.items += page.items
            pages.nextPageToken = page.nextPageToken
            pages.totalSize = page.totalSize
            // An empty page or a repeated token would never end: stop as on the last page.
            guard all, !page.nextPageToken.isEmpty, page.nextPageToken != token, !page.items.isEmpty,
                pages.items.count < allLimit
            else { return pages }
            token = page.nextPageToken
        }
    }
}

/// The footer of a list: how many items of how many, and the command that reads the next page.
///
/// - Parameters:
///   - shown: items printed.
///   - total: items matching the query.
///   - noun: the plural item name, e.g. `contacts`.
///   - nextPageToken: empty on the last page.
///   - command: the command, with its filters, that the next page's token belongs to.
func listFooter(shown: Int, total: UInt32, noun: String, nextPageToken: String, command: [String]) -> String {
    var lines = ["\(shown) of \(total) \(noun)"]
    if !nextPageToken.isEmpty {
        lines.append(
            "next page: " + (command + ["--page-token", nextPageToken]).map(shellQuoted).joined(separator: " ")
        )
    }
    return lines.joined(separator: "\n")
}

/// The word as a POSIX shell reads it back: unchanged when it is made of safe characters,
/// otherwise in single quotes.
func shellQuoted(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=/:@%,")
    if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
}
