import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldWire
import Synchronization
import Testing

@testable import HeraldServer

@Suite struct IdempotencyCacheTests {
    private let key = IdempotencyCache.Key(tenant: "acme", method: "/herald.v1.ContactService/CreateContact", key: "k1")

    @Test func firstCallRunsAndRepeatsReplay() throws {
        let cache = IdempotencyCache()
        guard case .run(let entry) = cache.begin(key, request: [1, 2], waiter: { _ in }) else {
            Issue.record("the first call must run")
            return
        }
        cache.finish(entry, outcome: .success(Contact(id: "ct_1")))
        guard case .replay(.success(let response)) = cache.begin(key, request: [1, 2], waiter: { _ in }) else {
            Issue.record("a repeat must replay")
            return
        }
        #expect(response as? Contact == Contact(id: "ct_1"))
    }

    @Test func aDifferentRequestWithTheSameKeyConflicts() {
        let cache = IdempotencyCache()
        _ = cache.begin(key, request: [1], waiter: { _ in })
        guard case .conflict = cache.begin(key, request: [2], waiter: { _ in }) else {
            Issue.record("expected a conflict while running")
            return
        }
        cache.finish(key, outcome: .success(Contact()))
        guard case .conflict = cache.begin(key, request: [2], waiter: { _ in }) else {
            Issue.record("expected a conflict after finishing")
            return
        }
    }

    @Test func repeatsWhileRunningWaitForTheOutcome() {
        let cache = IdempotencyCache()
        _ = cache.begin(key, request: [7], waiter: { _ in })
        let received = Mutex<[Bool]>([])
        for _ in 0..<3 {
            guard
                case .waiting = cache.begin(
                    key,
                    request: [7],
                    waiter: { outcome in
                        received.withLock { $0.append((try? outcome.get()) != nil) }
                    }
                )
            else {
                Issue.record("a repeat while running must wait")
                return
            }
        }
        cache.finish(key, outcome: .success(Contact(id: "ct_9")))
        #expect(received.withLock { $0 } == [true, true, true])
    }

    @Test(
        "outcomes that say nothing about the request are not remembered",
        arguments: [StatusCode.cancelled, .deadlineExceeded, .unavailable, .internal]
    )
    func transientFailuresAreForgotten(_ code: StatusCode) {
        let cache = IdempotencyCache()
        _ = cache.begin(key, request: [1], waiter: { _ in })
        cache.finish(key, outcome: .failure(RPCError(code: code, message: "x")))
        guard case .run = cache.begin(key, request: [1], waiter: { _ in }) else {
            Issue.record("the retry must run again")
            return
        }
    }

    @Test func deterministicFailuresAreRemembered() {
        let cache = IdempotencyCache()
        _ = cache.begin(key, request: [1], waiter: { _ in })
        cache.finish(key, outcome: .failure(RPCError(code: .alreadyExists, message: "taken")))
        guard case .replay(.failure(let error)) = cache.begin(key, request: [1], waiter: { _ in }) else {
            Issue.record("expected the remembered error")
            return
        }
        #expect(error.code == .alreadyExists)
    }

    @Test func entriesExpireAfterTheRetention() {
        let cache = IdempotencyCache(retention: .seconds(600))
        let start = ContinuousClock.now
        _ = cache.begin(key, request: [1], now: start, waiter: { _ in })
        cache.finish(key, outcome: .success(Contact()), now: start)
        guard case .replay = cache.begin(key, request: [1], now: start + .seconds(599), waiter: { _ in }) else {
            Issue.record("still remembered before the retention ends")
            return
        }
        guard case .run = cache.begin(key, request: [1], now: start + .seconds(601), waiter: { _ in }) else {
            Issue.record("forgotten after the retention")
            return
        }
    }

    @Test func capacityIsBounded() {
        let cache = IdempotencyCache(capacity: 100)
        for index in 0..<1_000 {
            let key = IdempotencyCache.Key(tenant: "acme", method: "/m", key: "k\(index)")
            _ = cache.begin(key, request: [1], waiter: { _ in })
            cache.finish(key, outcome: .success(Contact()))
        }
        #expect(cache.count <= 101)
    }
}

@Suite struct IdempotencyEndToEndTests {
    @Test func aRetriedMutationRunsOnce() async throws {
        let runs = Atomic<Int>(0)
        let route = ServerRoute(ContactService.createContact) { request, _ in
            let run = runs.wrappingAdd(1, ordering: .relaxed).newValue
            return CreateContactResponse(contact: Contact(id: "ct_\(run)", name: request.contact?.name ?? ""))
        }
        let server = try TestServer.start(routes: [route])
        let channel = try server.channel()
        let request = CreateContactRequest(contact: Contact(name: "Li Lei", email: "li@example.com"))
        let options = CallOptions(idempotencyKey: "create-li-lei")
        let first = try await channel.contacts.createContact(request, options: options)
        let second = try await channel.contacts.createContact(request, options: options)
        #expect(first == second)
        #expect(runs.load(ordering: .relaxed) == 1)

        let different = CreateContactRequest(contact: Contact(name: "Han Meimei", email: "han@example.com"))
        let error = await #expect(throws: RPCError.self) {
            _ = try await channel.contacts.createContact(different, options: options)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fieldViolations.first?.field == "header.idempotency_key")

        _ = try await channel.contacts.createContact(request)
        _ = try await channel.contacts.createContact(request)
        #expect(runs.load(ordering: .relaxed) == 3, "without a key every call runs")
        await channel.close()
        await server.stop()
    }

    /// Repeats that arrive while the first run is in flight wait for it and share its outcome.
    @Test func concurrentRepeatsShareOneRun() async throws {
        let probe = CallProbe()
        let route = ServerRoute(ContactService.createContact) { _, context in
            try await probe.park("create", context: context)
            return CreateContactResponse(contact: Contact(id: "ct_once"))
        }
        let server = try TestServer.start(routes: [route])
        let (connection, _) = try await server.openRaw()
        let callIDs = Array(UInt64(1)...8)
        connection.send(
            callIDs.flatMap { callID in
                RawFrames.call(
                    callID,
                    method: ContactService.createContact.info,
                    idempotencyKey: "once",
                    request: CreateContactRequest()
                )
            }
        )
        try await probe.waitStarted(1)
        // The server answers the ping after reading every CALL before it: all the repeats
        // have arrived while the first run is parked.
        try await connection.roundTrip()
        #expect(!connection.receivedFrames.contains { $0.type == .reply }, "a repeat was answered before the run ended")
        probe.release("create")
        for callID in callIDs {
            let reply = try await connection.reply(to: callID)
            #expect(try reply.status().code == .ok)
            #expect(try reply.response(CreateContactResponse.self).contact?.id == "ct_once")
        }
        #expect(probe.state.started == ["create"])
        connection.close()
        await server.stop()
    }
}
