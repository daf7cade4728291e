import ArgumentParser
import Testing

@testable import HeraldCLI

/// Parses a `herald` command line as the binary does and returns the chosen command.
func parse<Command: ParsableCommand>(_ arguments: [String], as _: Command.Type = Command.self) throws -> Command {
    let command = try HeraldCommand.parseAsRoot(arguments)
    return try #require(command as? Command, "parsed as \(type(of: command))")
}

/// What the binary prints for a command line that does not parse, and its exit status.
func parseFailure(
    _ arguments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) -> (message: String, status: Int32) {
    do {
        let command = try HeraldCommand.parseAsRoot(arguments)
        Issue.record("\(arguments) parsed as \(type(of: command))", sourceLocation: sourceLocation)
        return ("", 0)
    } catch {
        return (HeraldCommand.message(for: error), HeraldCommand.exitCode(for: error).rawValue)
    }
}
