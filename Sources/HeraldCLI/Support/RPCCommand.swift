import ArgumentParser
import HeraldClient
import HeraldRPC

/// What a command prints on standard output, and the exit status it ends with.
struct CommandOutput: Equatable, Sendable {
    var text: String
    var status: Int32 = 0
}

/// A command that makes RPCs.
///
/// `run()` connects with the command's ``ConnectionOptions``, runs ``execute(on:)``, closes the
/// channel, prints the output and exits with its status; RPC errors are printed with their
/// field violations and turned into the exit status by ``reportingErrors(_:)``. Tests call
/// ``execute(on:)`` directly with an in-process channel.
protocol RPCCommand: AsyncParsableCommand {
    var connection: ConnectionOptions { get }

    /// The flags that set the request's fields, named next to the server's field violations.
    static var fieldFlags: FieldFlags { get }

    /// Makes the command's calls through `channel` and returns what to print.
    func execute(on channel: any RPCChannel) async throws -> CommandOutput
}

extension RPCCommand {
    static var fieldFlags: FieldFlags { FieldFlags() }

    func run() async throws {
        let channel = try connection.makeChannel()
        let outcome: Result<CommandOutput, any Error>
        do {
            outcome = .success(try await execute(on: channel))
        } catch {
            outcome = .failure(error)
        }
        await channel.close()
        try await reportingErrors(flags: Self.fieldFlags) {
            let output = try outcome.get()
            if !output.text.isEmpty { print(output.text) }
            if output.status != 0 { throw ExitCode(output.status) }
        }
    }
}
