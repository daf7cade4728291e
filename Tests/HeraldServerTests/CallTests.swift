import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTestSupport
import HeraldWire
import Testing

/// Calls on one connection, seen frame by frame from a raw client: many in flight, deadlines,
/// cancellation, bad requests, and frames cut anywhere.
@Suite struct CallTests {
    @Test func thousandInterleavedCallsAreAllAnsweredAndMatched() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.parkedGetContact(probe)]) { configuration in
            configuration.limits.maxConcurrentCallsPerConnection = 1_000
        }
        let (connection, _) = try await server.openRaw()
        let ids = Array(UInt64(1)...1_000)
        connection.send(
            ids.flatMap {
                RawFrames.getContact($0, id: "c\($0)")
            }
        )
        try await probe.waitStarted(ids.count)

        var generator = SeededGenerator(seed: 1_000)
        for id in ids.shuffled(using: &generator) { probe.release("c\(id)") }

        let replies = try await connection.frames(ofType: .reply, count: ids.count, timeout: .seconds(30))
        #expect(replies.count == ids.count)
        #expect(Set(replies.map(\.callID)) == Set(ids), "exactly one reply per call")
        for reply in replies {
            #expect(try reply.status().code == .ok)
            #expect(try reply.response(GetContactResponse.self).contact?.id == "c\(reply.callID)")
        }
        #expect(replies.map(\.callID) != ids, "replies follow the handlers, not the order of the calls")
        connection.close()
        await server.stop()
    }

    @Test func deadlineExceededAnswersAndCancelsTheHandler() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.parkedGetContact(probe)])
        let (connection, _) = try await server.openRaw()
        let sent = ContinuousClock.now
        connection.send(RawFrames.getContact(1, id: "never", deadlineMilliseconds: 100))
        let reply = try await connection.reply(to: 1)
        #expect(ContinuousClock.now - sent >= .milliseconds(100))
        let status = try reply.status()
        #expect(status.code == .deadlineExceeded)
        #expect(!status.requestID.isEmpty, "errors carry the (generated) request id")
        try await probe.waitCancelled("never")
        try await probe.waitFinished("never")
        try await connection.roundTrip()
        #expect(
            connection.receivedFrames.filter { $0.type == .reply }.count == 1,
            "the handler's late result is dropped"
        )
        connection.close()
        await server.stop()
    }

    @Test func cancelAnswersCancelledAndStopsTheHandler() async throws {
        let (server, probe, connection) = try await TestServer.startWithParkedCall(id: "c1")
        connection.send(RawFrames.cancel(1))
        #expect(try await connection.reply(to: 1).status().code == .cancelled)
        try await probe.waitCancelled("c1")

        // A cancel for an answered call or an unknown one is ignored.
        connection.send(RawFrames.cancel(1) + RawFrames.cancel(77))
        try await connection.roundTrip()
        #expect(connection.receivedFrames.map(\.type) == [.settings, .reply, .pong])

        probe.release("c2")
        connection.send(RawFrames.getContact(2, id: "c2"))
        let reply = try await connection.reply(to: 2)
        #expect(try reply.status().code == .ok)
        #expect(try reply.response(GetContactResponse.self).contact?.id == "c2")
        connection.close()
        await server.stop()
    }

    @Test(arguments: ["/herald.v1.NoSuchService/Nothing", ContactService.deleteContact.info.path, "", "garbage"])
    func unknownMethodIsUnimplemented(_ path: String) async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        connection.send(RawFrames.call(1, path: path, body: []))
        let status = try await connection.reply(to: 1).status()
        #expect(status.code == .unimplemented)
        // The connection is still usable.
        connection.send(RawFrames.call(2, method: HealthService.echo.info, request: EchoRequest(payload: [1, 2, 3])))
        #expect(try await connection.reply(to: 2).response(EchoResponse.self).payload == [1, 2, 3])
        connection.close()
        await server.stop()
    }

    @Test func callSentOneByteAtATimeIsAnswered() async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        let payload = Array("one byte at a time".utf8)
        connection.sendOneByteAtATime(
            RawFrames.call(1, method: HealthService.echo.info, request: EchoRequest(payload: payload))
        )
        let reply = try await connection.reply(to: 1)
        #expect(try reply.status().code == .ok)
        #expect(try reply.response(EchoResponse.self).payload == payload)
        connection.close()
        await server.stop()
    }

    @Test func callSplitAtEveryOffsetIsAnswered() async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        let payload = Array("split".utf8)
        let frameSize = RawFrames.call(1, method: HealthService.echo.info, request: EchoRequest(payload: payload)).count
        for offset in 1..<frameSize {
            let callID = UInt64(offset)
            let frame = RawFrames.call(callID, method: HealthService.echo.info, request: EchoRequest(payload: payload))
            connection.send(Array(frame[..<offset]))
            connection.send(Array(frame[offset...]))
            let reply = try await connection.reply(to: callID)
            #expect(try reply.status().code == .ok, "split at \(offset)")
            #expect(try reply.response(EchoResponse.self).payload == payload, "split at \(offset)")
        }
        #expect(connection.receivedFrames.filter { $0.type == .reply }.count == frameSize - 1)
        connection.close()
        await server.stop()
    }

    @Test func garbageRequestIsInvalidArgumentAndTheConnectionStaysUsable() async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        // Field 1, length-delimited, with a length varint that never ends.
        connection.send(RawFrames.call(1, method: HealthService.echo.info, body: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF]))
        #expect(try await connection.reply(to: 1).status().code == .invalidArgument)
        // A CALL payload too short for its header length prefix.
        connection.send(RawFrames.frame(.call, callID: 2, payload: [0, 0]))
        #expect(try await connection.reply(to: 2).status().code == .invalidArgument)
        // A header length pointing past the payload.
        connection.send(RawFrames.frame(.call, callID: 3, payload: [0, 0, 0, 9, 1]))
        #expect(try await connection.reply(to: 3).status().code == .invalidArgument)
        // A request header that is not a RequestHeader.
        connection.send(RawFrames.frame(.call, callID: 4, payload: [0, 0, 0, 2, 0x0A, 0x05]))
        #expect(try await connection.reply(to: 4).status().code == .invalidArgument)

        connection.send(RawFrames.call(5, method: HealthService.echo.info, request: EchoRequest(payload: [7])))
        let reply = try await connection.reply(to: 5)
        #expect(try reply.status().code == .ok)
        #expect(try reply.response(EchoResponse.self).payload == [7])
        connection.close()
        await server.stop()
    }

    /// Requests whose strings are not valid, and the field the error must name.
    struct BadString: Sendable, CustomTestStringConvertible {
        var name: String
        var method: MethodInfo
        var body: [UInt8]
        var field: String

        var testDescription: String { name }

        static let all = [
            BadString(
                name: "invalid UTF-8",
                method: ContactService.getContact.info,
                body: [0x0A, 0x02, 0xC3, 0x28],
                field: "id"
            ),
            BadString(
                name: "U+0000",
                method: ContactService.getContact.info,
                body: [0x0A, 0x03, 0x61, 0x00, 0x62],
                field: "id"
            ),
            BadString(
                name: "nested invalid UTF-8",
                method: ContactService.createContact.info,
                body: [0x0A, 0x04, 0x12, 0x02, 0xFF, 0xFE],
                field: "contact.name"
            ),
        ]
    }

    @Test(arguments: BadString.all)
    func invalidStringIsInvalidArgumentNamingTheField(_ bad: BadString) async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [
            TestRoutes.getContact(probe),
            ServerRoute(ContactService.createContact) { _, _ in CreateContactResponse() },
        ])
        let (connection, _) = try await server.openRaw()
        connection.send(RawFrames.call(1, method: bad.method, body: bad.body))
        let status = try await connection.reply(to: 1).status()
        #expect(status.code == .invalidArgument)
        #expect(status.fieldViolations.map(\.field) == [bad.field])
        #expect(probe.state.started.isEmpty, "the handler never sees an undecodable request")
        connection.close()
        await server.stop()
    }

    @Test func responseOverTheClientsFrameLimitIsResourceExhausted() async throws {
        let server = try TestServer.start(routes: [
            ServerRoute(ContactService.getContact) { request, _ in
                GetContactResponse(contact: Contact(id: request.id, name: String(repeating: "n", count: 20_000)))
            }
        ])
        let (connection, _) = try await server.openRaw(
            settings: Settings(protocolVersion: 1, maxFrameSize: 16 * 1_024)
        )
        connection.send(RawFrames.getContact(1, id: "c1"))
        let status = try await connection.reply(to: 1).status()
        #expect(status.code == .resourceExhausted)
        #expect(connection.receivedFrames.allSatisfy { $0.payload.count <= 16 * 1_024 })
        connection.close()
        await server.stop()
    }

    @Test func pingIsAnsweredWithTheSameBytes() async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        let token: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF, 0, 1, 2, 3]
        connection.send(RawFrames.ping(token))
        let pong = try await connection.nextFrame()
        #expect(pong.type == .pong)
        #expect(pong.callID == 0)
        #expect(pong.payload == token)
        connection.close()
        await server.stop()
    }
}
