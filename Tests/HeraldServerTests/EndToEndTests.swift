import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldWire
import Testing

@Suite struct EndToEndTests {
    @Test(arguments: [IOThreads.dedicated, .shared])
    func echoRoundTripsOverMutualTLS(ioThreads: IOThreads) async throws {
        let server = try TestServer.start()
        let channel = try server.channel { $0.ioThreads = ioThreads }
        let payload = (0..<200).map { UInt8(truncatingIfNeeded: $0) }
        let response = try await channel.health.echo(EchoRequest(payload: payload))
        #expect(response.payload == payload)
        let before = Int64(Date().timeIntervalSince1970 * 1_000)
        let health = try await channel.health.check(HealthCheckRequest())
        let after = Int64(Date().timeIntervalSince1970 * 1_000)
        #expect(health.status == .serving)
        #expect((before...after).contains(health.serverTimeUnixMs))
        await channel.close()
        await server.stop()
    }

    /// Many calls at once and one after another, on both kinds of I/O threads: every reply
    /// reaches its caller.
    @Test(arguments: [IOThreads.dedicated, .shared])
    func concurrentAndSequentialCallsAreAllAnswered(ioThreads: IOThreads) async throws {
        let server = try TestServer.start()
        let channel = try server.channel {
            $0.ioThreads = ioThreads
            $0.connectionCount = 2
        }
        let answers = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await channel.health.echo(EchoRequest(payload: [UInt8(index)])).payload
                }
            }
            return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(answers.count == 200)
        #expect(Set(answers) == Set((0..<200).map { [UInt8($0)] }))
        for index in 0..<50 {
            #expect(try await channel.health.echo(EchoRequest(payload: [UInt8(index)])).payload == [UInt8(index)])
        }
        await channel.close()
        await server.stop()
    }
}
