import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// heraldd's logs: `--log-format json` writes one JSON object per line; in either format a line
/// written for a call carries the request id the client sent, which error replies return too.
@Suite struct StructuredLogTests {
    private static func channel(_ address: String, _ certificates: TestCertificates) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration()
        )
        configuration.defaultTenant = "acme"
        return try HeraldChannel(configuration: configuration)
    }

    /// A line as a JSON object, or nil when it is not one.
    private static func object(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    @Test func jsonLogsAreOneObjectPerLineCarryingTheRequestID() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            arguments: ["--log-format", "json", "--log-level", "debug"]
        )
        let channel = try Self.channel(address, certificates)
        _ = try await channel.groups.createGroup(
            CreateGroupRequest(group: ContactGroup(name: "Log readers")),
            options: CallOptions(requestID: "json-log-7f3a")
        )
        let refused = await #expect(throws: RPCError.self) {
            _ = try await channel.contacts.getContact(
                GetContactRequest(id: "ct_0000000000000000000000000"),
                options: CallOptions(requestID: "json-log-missing")
            )
        }
        #expect(refused?.requestID == "json-log-missing")

        let found = try await heraldd.waitForLogLine { $0.contains("json-log-7f3a") }
        let line = try #require(found, "\(heraldd.logText)")
        let call = try #require(Self.object(line[...]), "not a JSON object: \(line)")
        #expect(call["level"] as? String == "debug")
        #expect(call["message"] as? String == "Created group")
        #expect(call["request-id"] as? String == "json-log-7f3a")
        #expect(call["method"] as? String == "/herald.v1.GroupService/CreateGroup")
        await channel.close()
        #expect(await heraldd.stop() == 0)

        // Every line, from start-up to shut-down, is one object with time, level and message.
        let lines = heraldd.logText.split(separator: "\n")
        let levels: Set = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        for line in lines {
            let object = Self.object(line)
            #expect(object != nil, "not a JSON object: \(line)")
            #expect((object?["time"] as? String)?.isEmpty == false, "\(line)")
            #expect(levels.contains(object?["level"] as? String ?? ""), "\(line)")
            #expect(object?["message"] is String, "\(line)")
        }
        let messages = lines.compactMap { Self.object($0)?["message"] as? String }
        #expect(messages.contains("heraldd ready"))
        #expect(messages.last == "heraldd stopped")
    }

    @Test func textLogsCarryTheRequestID() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            arguments: ["--log-level", "debug"]
        )
        let channel = try Self.channel(address, certificates)
        _ = try await channel.groups.createGroup(
            CreateGroupRequest(group: ContactGroup(name: "Log readers")),
            options: CallOptions(requestID: "text-log-5c1e")
        )
        let found = try await heraldd.waitForLogLine { $0.contains("request-id=text-log-5c1e") }
        let line = try #require(found, "\(heraldd.logText)")
        #expect(!line.hasPrefix("{"))
        #expect(line.contains(" debug "))
        #expect(line.contains("method=/herald.v1.GroupService/CreateGroup"))
        #expect(line.hasSuffix("Created group"))
        await channel.close()
        #expect(await heraldd.stop() == 0)
    }
}
