import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// SIGTERM to a real heraldd: calls in flight finish, new calls are refused, exit status 0.
@Suite struct DrainTests {
    @Test func sigtermFinishesCallsInFlightAndExitsZero() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: Policies.uriAdmin)
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration()
        )
        configuration.retry.maxAttempts = 1
        let channel = try HeraldChannel(configuration: configuration)

        let slowCalls = (0..<5).map { index in
            Task { try await channel.health.echo(EchoRequest(payload: [UInt8(index)], delayMs: 1_500)) }
        }
        // Once the channel holds all five, frames are sent and handled in order on the one
        // connection: when this answer is back, the slow calls are in flight on the server.
        try await poll("the slow calls to reach the channel") { channel.callsInFlight == 5 }
        _ = try await channel.health.echo(EchoRequest(payload: [9]))
        heraldd.send(signal: SIGTERM)

        for (index, call) in slowCalls.enumerated() {
            let response = try await call.value
            #expect(response.payload == [UInt8(index)], "call \(index) in flight must complete")
        }
        await #expect(throws: RPCError.self) {
            _ = try await channel.health.echo(EchoRequest(payload: [1]))
        }
        let status = await heraldd.waitForExit()
        #expect(status == 0, "heraldd log:\n\(heraldd.logText)")
        #expect(heraldd.logText.contains("draining"))
        await channel.close()
    }

    @Test func newCallsDuringDrainAreUnavailable() async throws {
        let certificates = try await TestCertificates.shared()
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: Policies.uriAdmin)
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration()
        )
        configuration.retry.maxAttempts = 1
        let channel = try HeraldChannel(configuration: configuration)
        let slow = Task { try await channel.health.echo(EchoRequest(delayMs: 2_000)) }
        try await poll("the slow call to reach the channel") { channel.callsInFlight == 1 }
        _ = try await channel.health.echo(EchoRequest())
        heraldd.send(signal: SIGTERM)
        // Bounded poll: the goaway reaches the client, after which new calls are refused.
        var refused: RPCError?
        for _ in 0..<200 where refused == nil {
            do {
                _ = try await channel.health.echo(EchoRequest())
                try await Task.sleep(for: .milliseconds(10))
            } catch let error as RPCError {
                refused = error
            }
        }
        #expect(refused?.code == .unavailable)
        _ = try await slow.value
        #expect(await heraldd.waitForExit() == 0)
        await channel.close()
    }
}

/// Access policies for the process tests.
enum Policies {
    static let uriAdmin = """
        {"grants": [{"identity": "\(TestCertificates.uriClientIdentity)", "role": "admin", "tenants": ["acme"]}]}
        """
}
