import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// `RPCServer.drain()` in-process: calls in flight finish, new ones are refused, and drain
/// returns once every connection has closed.
@Suite struct DrainTests {
    /// Runs `drain` in a task and records when it returns.
    final class DrainRun: Sendable {
        let returned = Observed(false)
        let task: Task<Void, Never>

        init(_ server: RPCServer, timeout: Duration = .seconds(30)) {
            let returned = self.returned
            task = Task {
                await server.drain(timeout: timeout)
                returned.update { $0 = true }
            }
        }

        func waitReturned(timeout: Duration = TestTimeout.standard) async throws {
            try await returned.wait(for: "drain to return", timeout: timeout) { $0 }
        }
    }

    @Test func callsInFlightFinishAndNewCallsAreRefused() async throws {
        let (server, probe, connection) = try await TestServer.startWithParkedCall(id: "c1")

        let drain = DrainRun(server.server)
        let goAwayFrame = try await connection.nextFrame()
        #expect(goAwayFrame.type == .goAway)
        let goAway = try goAwayFrame.goAway()
        #expect(goAway.code == .ok)
        #expect(goAway.lastCallID == 1)
        #expect(server.server.isDraining)

        // A call the server never promised to answer is refused, unprocessed.
        connection.send(RawFrames.getContact(2, id: "c2"))
        let refused = try await connection.reply(to: 2).status()
        #expect(refused.code == .unavailable)
        #expect(!probe.state.started.contains("c2"))
        #expect(drain.returned.value == false, "drain must wait for the call in flight")

        probe.release("c1")
        let reply = try await connection.reply(to: 1)
        #expect(try reply.status().code == .ok)
        #expect(try reply.response(GetContactResponse.self).contact?.id == "c1")
        #expect(try await connection.waitClosed() == .closeNotify)
        try await drain.waitReturned()
        #expect(server.server.connectionCount == 0)

        // Nobody is listening any more: connecting fails. (Were the listener still open, the
        // draining server would accept and at once close the connection, with no frames.)
        let refusedBefore = server.server.statistics.connectionsRefused
        do {
            let late = try server.connectRaw(tls: server.certificates.clientConfiguration())
            let ending = try await late.waitClosed()
            if case .aborted(let why) = ending {
                #expect(why.hasPrefix("connect:"), "the connection was made, then closed: \(why)")
            } else {
                Issue.record("a connection after the drain ended with \(ending)")
            }
        } catch let error as SystemCallError {
            #expect(error.call == "connect")
        }
        #expect(server.server.statistics.connectionsRefused == refusedBefore)
    }

    @Test func idleAndBusyConnectionsCloseAsTheirCallsFinish() async throws {
        let (server, probe, busy) = try await TestServer.startWithParkedCall(id: "c1")
        let (idle, _) = try await server.openRaw()
        let halfOpen = try server.connectRaw(tls: server.certificates.clientConfiguration())
        try await halfOpen.waitEstablished()

        let drain = DrainRun(server.server)
        #expect(try await idle.waitClosed() == .closeNotify)
        #expect(idle.receivedFrames.map(\.type) == [.settings, .goAway])
        try await halfOpen.waitClosed()
        #expect(!halfOpen.receivedFrames.contains { $0.type == .reply })
        try await poll("the idle connections to go") { server.server.connectionCount == 1 }
        #expect(drain.returned.value == false)

        probe.release("c1")
        #expect(try await busy.reply(to: 1).status().code == .ok)
        try await busy.waitClosed()
        try await drain.waitReturned()
    }

    @Test func drainGivesUpAfterItsTimeout() async throws {
        let (server, probe, connection) = try await TestServer.startWithParkedCall(id: "stuck")

        let started = ContinuousClock.now
        let drain = DrainRun(server.server, timeout: .milliseconds(300))
        try await drain.waitReturned()
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        try await connection.waitClosed()
        #expect(!connection.receivedFrames.contains { $0.type == .reply }, "the stuck call was never answered")
        try await probe.waitCancelled("stuck")
        #expect(server.server.connectionCount == 0)
    }

    @Test func channelCallInFlightCompletesDuringDrain() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.parkedGetContact(probe)])
        let channel = try server.channel()
        let call = Task { try await channel.contacts.getContact(GetContactRequest(id: "c1")) }
        try await probe.waitStarted("c1")

        let drain = DrainRun(server.server)
        try await poll("the server to start draining") { server.server.isDraining }
        probe.release("c1")
        let response = try await result(of: call, "the call in flight").get()
        #expect(response.contact?.id == "c1")
        try await drain.waitReturned()
        await channel.close()
    }
}
