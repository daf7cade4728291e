import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldWire
import Testing

@Suite struct EndToEndTests {
    @Test func echoRoundTripsOverMutualTLS() async throws {
        let server = try TestServer.start()
        let channel = try server.channel()
        let payload = (0..<200).map { UInt8(truncatingIfNeeded: $0) }
        let response = try await channel.health.echo(EchoRequest(payload: payload))
        #expect(response.payload == payload)
        let health = try await channel.health.check(HealthCheckRequest())
        #expect(health.status == .serving)
        await channel.close()
        await server.stop()
    }
}
