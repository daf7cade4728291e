import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTLS
import HeraldTestSupport
import HeraldWire
import Logging
import Synchronization
import Testing

@testable import HeraldClient

/// The client library against real servers (and, for what a real server will not do on
/// demand, a scripted one): retries, deadlines, queueing, cancellation, reconnection.
@Suite struct ClientChannelTests {
    /// A method of each idempotency, called through the typed client.
    enum Method: String, Sendable {
        case getContact
        case deleteContact
        case createContact

        func call(_ channel: HeraldChannel, options: CallOptions = CallOptions()) async throws(RPCError) {
            switch self {
            case .getContact: _ = try await channel.contacts.getContact(GetContactRequest(id: "c1"), options: options)
            case .deleteContact:
                _ = try await channel.contacts.deleteContact(DeleteContactRequest(), options: options)
            case .createContact:
                _ = try await channel.contacts.createContact(CreateContactRequest(), options: options)
            }
        }
    }

    /// Handlers for every ``Method`` that fail with `code` on their first `failures` calls.
    static func flakyRoutes(_ probe: CallProbe, failures: Int, code: StatusCode) -> [ServerRoute] {
        @Sendable func attempt(_ key: String, _ context: ServerContext) async throws {
            try await probe.record(key, context: context) {
                if probe.state.started.count <= failures { throw RPCError(code: code, message: "scripted failure") }
            }
        }
        return [
            ServerRoute(ContactService.getContact) { _, context in
                try await attempt("getContact", context)
                return GetContactResponse()
            },
            ServerRoute(ContactService.deleteContact) { _, context in
                try await attempt("deleteContact", context)
                return DeleteContactResponse()
            },
            ServerRoute(ContactService.createContact) { _, context in
                try await attempt("createContact", context)
                return CreateContactResponse()
            },
        ]
    }

    struct RetryCase: Sendable, CustomTestStringConvertible {
        var method: Method
        var idempotencyKey: String? = nil
        var failures = 1
        var code = StatusCode.unavailable
        var attempts: Int
        /// The code the caller finally sees; nil for success.
        var outcome: StatusCode?

        var testDescription: String {
            "\(method)\(idempotencyKey == nil ? "" : " with key"), \(failures) × \(code.protoName ?? "")"
        }

        static let all = [
            RetryCase(method: .getContact, attempts: 2, outcome: nil),
            RetryCase(method: .deleteContact, attempts: 2, outcome: nil),
            RetryCase(method: .createContact, attempts: 1, outcome: .unavailable),
            RetryCase(method: .createContact, idempotencyKey: "key-1", attempts: 2, outcome: nil),
            RetryCase(method: .getContact, code: .internal, attempts: 1, outcome: .internal),
            RetryCase(method: .getContact, code: .resourceExhausted, attempts: 1, outcome: .resourceExhausted),
            RetryCase(method: .getContact, failures: 100, attempts: 3, outcome: .unavailable),
        ]
    }

    @Test(arguments: RetryCase.all)
    func callsAreRetriedOnlyWhenSafe(_ retry: RetryCase) async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: Self.flakyRoutes(probe, failures: retry.failures, code: retry.code))
        let channel = try server.channel { configuration in
            configuration.retry.maxAttempts = 3
            configuration.retry.initialBackoff = .milliseconds(1)
            configuration.retry.maximumBackoff = .milliseconds(5)
        }
        do {
            try await retry.method.call(channel, options: CallOptions(idempotencyKey: retry.idempotencyKey))
            #expect(retry.outcome == nil, "the call succeeded")
        } catch {
            #expect(error.code == retry.outcome)
        }
        #expect(probe.state.started.count == retry.attempts)
        await channel.close()
        await server.stop()
    }

    /// A non-idempotent call the server refused with a goaway (its id above `last_call_id`)
    /// was not processed: the channel retries it on a new connection.
    @Test func callRefusedByAGoAwayIsRetriedOnANewConnection() async throws {
        let scripted = try ScriptedServer { call in
            call.connection == 1
                ? .goAway(lastCallID: call.callID - 1)
                : .reply(Status(), response: CreateContactResponse(contact: Contact(id: "created")))
        }
        defer { scripted.stop() }
        let channel = try TestServer.channel(to: scripted.address)
        let response = try await channel.contacts.createContact(CreateContactRequest())
        #expect(response.contact?.id == "created")
        #expect(scripted.events.value.calls.map(\.connection) == [1, 2])
        await channel.close()
    }

    /// A goaway that covers the call means the server may have processed it: a
    /// non-idempotent call is not repeated when the connection then ends without a reply.
    @Test func callCoveredByAGoAwayIsNotRetried() async throws {
        let scripted = try ScriptedServer { call in .goAway(lastCallID: call.callID) }
        defer { scripted.stop() }
        let channel = try TestServer.channel(to: scripted.address)
        await #expect(throws: RPCError.self) {
            _ = try await channel.contacts.createContact(CreateContactRequest())
        }
        #expect(scripted.events.value.calls.count == 1)
        await channel.close()
    }

    /// Each call's deadline holds on the client even when a later call has a longer one
    /// (here the server never answers).
    @Test func clientDeadlineHoldsWhenALaterCallHasALongerOne() async throws {
        let scripted = try ScriptedServer { _ in .ignore }
        defer { scripted.stop() }
        let channel = try TestServer.channel(to: scripted.address)
        let short = Task {
            try await channel.contacts.getContact(
                GetContactRequest(id: "short"),
                options: CallOptions(timeout: .milliseconds(300))
            )
        }
        try await scripted.events.wait(for: "the short call") { $0.calls.count == 1 }
        let long = Task {
            try await channel.contacts.getContact(
                GetContactRequest(id: "long"),
                options: CallOptions(timeout: .seconds(120))
            )
        }
        try await scripted.events.wait(for: "the long call") { $0.calls.count == 2 }

        let outcome = try await result(of: short, "the short call to time out")
        #expect(outcome.statusCode == .deadlineExceeded)
        // The client told the server it gave up.
        let shortID = try #require(scripted.events.value.calls.first?.callID)
        try await scripted.events.wait(for: "a CANCEL for the short call") { $0.cancels.contains(shortID) }

        long.cancel()
        _ = await long.result
        await channel.close()
    }

    /// A call's deadline comes due while the connection's queue is busy, and a call handled
    /// before the timer asks for a later wakeup (its own deadline): the due wakeup must not be
    /// pushed back to that deadline. (Re-arming the timer discarded the fire not yet handled,
    /// and the first call waited for the second one's deadline.)
    @Test func clientDeadlineHoldsWhenItComesDueWhileTheQueueIsBusy() async throws {
        let scripted = try ScriptedServer { _ in .ignore }
        defer { scripted.stop() }
        let configuration = ClientConfiguration(
            serverAddress: scripted.address,
            tls: try TestCertificates.sharedBlocking().clientConfiguration()
        )
        var logger = Logger(label: "herald.test.client")
        logger.logLevel = .critical
        let connection = ClientConnection(
            number: 1,
            configuration: configuration,
            security: .tls(try TLSContext(configuration: configuration.tls, role: .client, logger: logger)),
            logger: logger
        )
        connection.connect()
        try await connection.ready()

        let timeout = Duration.milliseconds(500)
        let short = Observed<StatusCode?>(nil)
        let sent = ContinuousClock.now
        connection.send(Self.getContact("short", timeout: timeout) { result in short.update { $0 = result.code } })
        // A call cancelled before its turn completes on the queue: its completion holds the queue.
        let gate = QueueGate()
        let held = CallToken()
        held.markCancelled()
        connection.send(Self.getContact("held", token: held) { _ in gate.block() })
        // Queued behind the held completion before the short call's timer fires, so handled
        // before the timer: its 120 s deadline asks for a later wakeup.
        connection.send(Self.getContact("long", timeout: .seconds(120)) { _ in })
        try #require(.now - sent < timeout, "the long call was queued after the short call's deadline")
        try await poll("the completion to hold the queue") { gate.isBlocking }
        // No event marks the timer firing: wait for the moment it is due.
        try await Task.sleep(until: sent + timeout * 2)
        gate.open()

        let code = try await short.wait(for: "the short call's deadline") { $0 }
        #expect(code == .deadlineExceeded)
    }

    /// A GetContact request for ``ClientConnection``, whose replies it never expects.
    static func getContact(
        _ id: String,
        timeout: Duration? = nil,
        token: CallToken = CallToken(),
        complete: @escaping ClientConnection.Completion
    ) -> ClientConnection.Request {
        let method = ContactService.getContact.info
        return ClientConnection.Request(
            method: method,
            header: RequestHeader(method: method.path, tenant: "acme", requestID: id),
            body: try! GetContactRequest(id: id).serializedBytes(),
            timeout: timeout,
            token: token,
            decode: { _ in .failure(RPCError(code: .internal, message: "no reply was expected")) },
            complete: complete
        )
    }

    /// What a handler sees as `context.deadline` for a given client timeout, default and
    /// server cap.
    struct DeadlineCase: Sendable, CustomTestStringConvertible {
        var name: String
        var timeout: Duration?
        var defaultTimeout: Duration?
        var serverCap: Duration? = .seconds(300)
        /// The remaining time the handler sees lies in `(expected - 30 s) ... expected`.
        var expected: Duration

        var testDescription: String { name }

        // Far apart and generous: a loaded machine may take a while to reach the handler, and
        // no case may fail for that.
        static let all = [
            DeadlineCase(
                name: "call timeout",
                timeout: .seconds(120),
                defaultTimeout: .seconds(30),
                expected: .seconds(120)
            ),
            DeadlineCase(name: "channel default", timeout: nil, defaultTimeout: .seconds(200), expected: .seconds(200)),
            DeadlineCase(name: "no timeout: server cap", timeout: nil, defaultTimeout: nil, expected: .seconds(300)),
            DeadlineCase(
                name: "timeout over the cap",
                timeout: .seconds(900),
                defaultTimeout: nil,
                expected: .seconds(300)
            ),
            DeadlineCase(
                name: "smaller server cap",
                timeout: .seconds(250),
                defaultTimeout: nil,
                serverCap: .seconds(60),
                expected: .seconds(60)
            ),
        ]
    }

    @Test(arguments: DeadlineCase.all)
    func timeoutReachesTheHandlerAsItsDeadline(_ deadline: DeadlineCase) async throws {
        let remaining = Observed<Duration?>(nil)
        let server = try TestServer.start(routes: [
            ServerRoute(ContactService.getContact) { _, context in
                if let instant = context.deadline { remaining.update { $0 = instant - .now } }
                return GetContactResponse()
            }
        ]) { $0.limits.maxDeadline = deadline.serverCap }
        let channel = try server.channel { $0.defaultTimeout = deadline.defaultTimeout }
        _ = try await channel.contacts.getContact(GetContactRequest(), options: CallOptions(timeout: deadline.timeout))
        let seen = try #require(remaining.value, "the handler saw no deadline")
        #expect(seen <= deadline.expected)
        #expect(seen > deadline.expected - .seconds(30))
        await channel.close()
        await server.stop()
    }

    @Test func callsBeyondTheServersLimitQueueOnTheClient() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.parkedGetContact(probe)]) {
            $0.limits.maxConcurrentCallsPerConnection = 2
        }
        let channel = try server.channel()
        let ids = (1...6).map { "c\($0)" }
        let calls = ids.map { id in
            Task { try await channel.contacts.getContact(GetContactRequest(id: id)) }
        }
        try await probe.waitStarted(2)
        for id in ids { probe.release(id) }
        for (id, call) in zip(ids, calls) {
            #expect(try await call.value.contact?.id == id)
        }
        #expect(probe.state.started.count == ids.count)
        #expect(probe.state.maxInFlight == 2)
        await channel.close()
        await server.stop()
    }

    @Test func cancellingTheCallersTaskCancelsTheCallOnTheServer() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.parkedGetContact(probe)])
        let channel = try server.channel()
        let call = Task { try await channel.contacts.getContact(GetContactRequest(id: "doomed")) }
        try await probe.waitStarted("doomed")
        call.cancel()
        #expect(try await result(of: call, "the cancelled call").statusCode == .cancelled)
        try await probe.waitCancelled("doomed")

        probe.release("after")
        #expect(try await channel.contacts.getContact(GetContactRequest(id: "after")).contact?.id == "after")
        #expect(server.server.statistics.connectionsAccepted == 1)
        await channel.close()
        await server.stop()
    }

    @Test func channelReconnectsAfterTheServerClosesTheConnection() async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.getContact(probe)]) {
            $0.limits.idleTimeout = .milliseconds(500)
        }
        let channel = try server.channel()
        for round in 1...3 {
            #expect(
                try await channel.contacts.getContact(GetContactRequest(id: "r\(round)")).contact?.id == "r\(round)"
            )
            try await poll("the server to close the idle connection") { server.server.connectionCount == 0 }
        }
        // A new connection per round at least (more if one idled out before its call came).
        #expect(server.server.statistics.connectionsAccepted >= 3)
        await channel.close()
        await server.stop()
    }

    /// A configuration that names no server checks the server's certificate against the
    /// address it connects to; naming the server checks that name instead.
    @Test func serverNameDefaultsToTheAddressHost() async throws {
        let certificates = try TestCertificates.sharedBlocking()
        // A certificate valid only for other.herald.test, not for 127.0.0.1.
        let server = try TestServer.start { configuration in
            configuration.tls.certificateChainPath = certificates.otherHostServer.certificatePath
            configuration.tls.privateKeyPath = certificates.otherHostServer.privateKeyPath
        }
        func check(serverName: String?) async throws {
            var configuration = ClientConfiguration(
                serverAddress: server.address,
                tls: certificates.clientConfiguration(presenting: certificates.uriClient, serverName: serverName)
            )
            configuration.retry.maxAttempts = 1
            let channel = try HeraldChannel(configuration: configuration)
            do {
                _ = try await channel.health.check(HealthCheckRequest())
            } catch {
                await channel.close()
                throw error
            }
            await channel.close()
        }

        let unnamed = ClientConfiguration(
            serverAddress: server.address,
            tls: certificates.clientConfiguration(presenting: certificates.uriClient, serverName: nil)
        )
        #expect(unnamed.tls.serverName == "127.0.0.1")
        let error = await #expect(throws: RPCError.self) { try await check(serverName: nil) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("not valid for '127.0.0.1'") == true, "\(String(describing: error))")
        try await check(serverName: "other.herald.test")
        await server.stop()
    }

    /// A server at its connection limit closes new connections at once; the channel reports
    /// that at once instead of waiting for its connect timeout.
    @Test func refusedConnectionFailsTheCallPromptly() async throws {
        let server = try TestServer.start { $0.limits.maxConnections = 1 }
        let (hog, _) = try await server.openRaw()
        for _ in 0..<5 {
            let channel = try server.channel { configuration in
                configuration.connectTimeout = .seconds(40)
                configuration.retry.maxAttempts = 1
            }
            let started = ContinuousClock.now
            do {
                _ = try await channel.health.check(HealthCheckRequest())
                Issue.record("a call went through a refused connection")
            } catch {
                #expect(error.code == .unavailable)
            }
            try #require(ContinuousClock.now - started < .seconds(30), "the call waited for the connect timeout")
            await channel.close()
        }
        hog.close()
        await server.stop()
    }
}

extension Result where Failure == RPCError {
    /// The status code: OK for success.
    fileprivate var code: StatusCode {
        guard case .failure(let error) = self else { return .ok }
        return error.code
    }
}

extension Result where Failure == any Error {
    /// The status code of a failure (UNKNOWN for an error that is not an ``RPCError``), nil
    /// for success.
    fileprivate var statusCode: StatusCode? {
        guard case .failure(let error) = self else { return nil }
        return (error as? RPCError)?.code ?? .unknown
    }
}
