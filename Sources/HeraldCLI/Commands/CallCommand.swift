import ArgumentParser
import Foundation
import HeraldProtos
import HeraldRPC
import HeraldWire

/// `herald call METHOD --data JSON`: any RPC with a JSON request, in the spirit of grpcurl.
struct CallCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call any RPC with a JSON request and print the JSON response.",
        discussion: """
            The request is proto3 JSON: field names in lowerCamelCase or as in the .proto file, \
            enums by name (ALERT_LANGUAGE_CHINESE, or just CHINESE), 64-bit integers as numbers or \
            strings, bytes as base64. `herald describe METHOD` shows the request's fields.

            Examples:
              herald call HealthService/Check
              herald call ContactService/GetContact --tenant acme --data '{"id": "ct_…"}'
              herald call ContactService/CreateContact --tenant acme --data @contact.json
            """
    )

    @Argument(help: "The RPC, e.g. herald.v1.ContactService/CreateContact or ContactService/CreateContact.")
    var method: String

    @Option(name: .shortAndLong, help: "The request as JSON; @FILE reads a file, - reads standard input (default: {}).")
    var data: String?

    @Option(help: "Idempotency key that makes a mutation safe to retry.")
    var idempotencyKey: String?

    @OptionGroup var connection: ConnectionOptions

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let info = try MethodLookup.method(named: method)
        let json: JSONValue
        do {
            json = try JSONValue(parsing: try readData())
        } catch let error as ProtoJSONError {
            throw ValidationError("--data: \(error)")
        }
        let response = try await invoke(info.requestType, info.responseType, info: info, json: json, channel: channel)
        return CommandOutput(text: response.serialized(pretty: true))
    }

    private func readData() throws -> String {
        guard let data else { return "{}" }
        if data == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        if data.hasPrefix("@") {
            let path = String(data.dropFirst())
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--data: cannot read \(path)")
            }
            return String(decoding: contents, as: UTF8.self)
        }
        return data
    }

    /// Calls with the method's concrete request and response types.
    private func invoke<Request: ProtoMessage, Response: ProtoMessage>(
        _: Request.Type,
        _: Response.Type,
        info: MethodInfo,
        json: JSONValue,
        channel: any RPCChannel
    ) async throws -> JSONValue {
        let request: Request
        do {
            request = try Request(json: json, path: "")
        } catch {
            throw ValidationError("--data: \(error)")
        }
        let method = RPCMethod<Request, Response>(
            service: info.service,
            name: info.name,
            access: info.access,
            idempotency: info.idempotency
        )
        let response = try await channel.call(method, request, options: CallOptions(idempotencyKey: idempotencyKey))
        return response.jsonValue
    }
}
