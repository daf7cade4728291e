import Dispatch
import HeraldProtos
import HeraldRPC
import HeraldTransport
import HeraldWire
import Logging

extension ServerConnection {
    /// A call frame: checks, authorization and decoding happen here on the queue; anything
    /// wrong is answered at once and the connection stays usable.
    func receiveCall(_ frame: Frame) throws(ProtocolViolation) {
        let callID = frame.callID
        guard callID > highestCallID else {
            throw ProtocolViolation(
                code: .invalidArgument,
                message: "call id \(callID) is not greater than the previous call id \(highestCallID)"
            )
        }
        highestCallID = callID
        lastCallActivity = .now
        if case .draining(let lastCallID) = phase, callID > lastCallID {
            reply(
                callID,
                error: RPCError(code: .unavailable, message: "the server is shutting down; retry on a new connection")
            )
            return
        }
        guard calls.count < core.limits.maxConcurrentCallsPerConnection else {
            reply(
                callID,
                error: RPCError(
                    code: .resourceExhausted,
                    message:
                        "more than \(core.limits.maxConcurrentCallsPerConnection) calls in flight on this connection",
                    retryAfter: .milliseconds(10),
                    metadata: ["limit": "max_concurrent_calls"]
                )
            )
            return
        }
        guard let payload = PrefixedPayload(splitting: frame.payload) else {
            reply(
                callID,
                error: RPCError(code: .invalidArgument, message: "CALL payload lacks a valid header length prefix")
            )
            return
        }
        let header: RequestHeader
        do {
            header = try RequestHeader(serializedBytes: payload.leading)
        } catch {
            reply(callID, error: RPCError(code: .invalidArgument, message: "malformed request header: \(error)"))
            return
        }
        switch CallValidation.check(header) {
        case .failure(let error):
            reply(callID, requestID: header.requestID, error: error)
            return
        case .success:
            break
        }
        let requestID = header.requestID.isEmpty ? makeRequestID() : header.requestID
        guard let route = core.routes[header.method] else {
            reply(
                callID,
                requestID: requestID,
                error: RPCError(code: .unimplemented, message: "unknown method \(header.method)")
            )
            return
        }
        let method = route.method
        if method.access != .public {
            guard TenantName.isValid(header.tenant) else {
                let problem = header.tenant.isEmpty ? "a tenant is required" : "not a valid tenant name"
                reply(
                    callID,
                    requestID: requestID,
                    error: .invalidArgument(field: "header.tenant", "\(problem): 1–64 characters of A–Z a–z 0–9 . _ -")
                )
                return
            }
        }
        switch core.configuration.accessPolicy.decide(identity: identity, tenant: header.tenant, access: method.access)
        {
        case .allowed:
            break
        case .unauthenticated(let message):
            reply(callID, requestID: requestID, error: RPCError(code: .unauthenticated, message: message))
            return
        case .denied(let message):
            reply(callID, requestID: requestID, error: RPCError(code: .permissionDenied, message: message))
            return
        }
        let prepared: PreparedCall
        do {
            prepared = try route.prepare(payload.body)
        } catch {
            reply(callID, requestID: requestID, error: error.rpcError)
            return
        }
        var call = ActiveCall(task: nil, method: method, requestID: requestID, deadlineMilliseconds: 0)
        if method.idempotency == .sideEffects && !header.idempotencyKey.isEmpty {
            let key = IdempotencyCache.Key(tenant: header.tenant, method: method.path, key: header.idempotencyKey)
            let decision = core.idempotency.begin(key, request: payload.body) { [self] outcome in
                queue.async { [self] in complete(callID, outcome.mapError { $0 as any Error }) }
            }
            switch decision {
            case .run(let key):
                call.idempotencyKey = key
            case .replay(let outcome):
                calls[callID] = call
                complete(callID, outcome.mapError { $0 as any Error })
                return
            case .waiting:
                calls[callID] = call
                return
            case .conflict:
                reply(
                    callID,
                    requestID: requestID,
                    error: .invalidArgument(field: "header.idempotency_key", "already used with a different request")
                )
                return
            }
        }
        start(callID: callID, call: call, header: header, prepared: prepared)
    }

    private func start(callID: UInt64, call: ActiveCall, header: RequestHeader, prepared: PreparedCall) {
        var call = call
        let method = call.method
        let requestID = call.requestID
        var deadlineMilliseconds = header.deadlineMs
        if let cap = core.limits.maxDeadline {
            let capMilliseconds = UInt64(clamping: cap.wholeMilliseconds)
            if deadlineMilliseconds == 0 || deadlineMilliseconds > capMilliseconds {
                deadlineMilliseconds = capMilliseconds
            }
        }
        var deadline: ContinuousClock.Instant?
        if deadlineMilliseconds > 0 {
            let instant = ContinuousClock.now + .milliseconds(Int64(clamping: deadlineMilliseconds))
            deadline = instant
            deadlines.insert(instant, callID: callID)
            timer.schedule(at: instant)
        }
        let context = ServerContext(
            method: method,
            tenant: header.tenant,
            caller: CallerIdentity(name: identity ?? ""),
            requestID: requestID,
            idempotencyKey: header.idempotencyKey,
            deadline: deadline,
            metadata: header.metadata,
            logger: logger
        )
        call.deadlineMilliseconds = deadlineMilliseconds
        calls[callID] = call
        // The handler starts on this connection's queue and comes back to it after every
        // suspension (see QueueExecutor), so the reply is written from here without a hop.
        let task = Task(executorPreference: executor) { [self] in
            let outcome: Result<any ProtoMessage, any Error>
            do {
                outcome = .success(try await prepared.run(context: context))
            } catch {
                outcome = .failure(error)
            }
            dispatchPrecondition(condition: .onQueue(queue))
            complete(callID, outcome)
        }
        calls[callID]?.task = task
    }

    /// A handler finished: answer, unless the call was already answered (deadline, cancel).
    private func complete(_ callID: UInt64, _ result: Result<any ProtoMessage, any Error>) {
        guard let call = calls.removeValue(forKey: callID), let stream else { return }
        let outcome = result.mapError { status(for: $0, call: call) }
        if let key = call.idempotencyKey { core.idempotency.finish(key, outcome: outcome) }
        switch outcome {
        case .success(let response):
            let start = stream.outbound.count
            do {
                let length = try FrameEncoder.appendFrame(.reply, callID: callID, to: &stream.outbound) {
                    buffer throws(ProtoEncodingError) in
                    // An OK status is the empty message: a zero length prefix.
                    buffer.append(contentsOf: [0, 0, 0, 0])
                    try response.serialize(into: &buffer)
                }
                if length > peerMaxFrameSize {
                    stream.outbound.removeSubrange(start...)
                    reply(
                        callID,
                        requestID: call.requestID,
                        error: RPCError(
                            code: .resourceExhausted,
                            message:
                                "the response of \(length) bytes exceeds the client's max_frame_size \(peerMaxFrameSize)"
                        )
                    )
                }
            } catch {
                logger.error(
                    "response could not be encoded",
                    metadata: ["request-id": "\(call.requestID)", "error": "\(error)"]
                )
                reply(callID, requestID: call.requestID, error: RPCError(code: .internal, message: "internal error"))
            }
        case .failure(let error):
            reply(callID, requestID: call.requestID, error: error)
        }
        callFinished()
    }

    /// After a call left the table: flush (at once when it was the last one), drain, re-arm.
    private func callFinished() {
        deadlines.compact(liveCount: calls.count) { calls[$0] != nil }
        if calls.isEmpty {
            // The connection is idle from now, not from the last CALL frame: a call that ran
            // longer than the idle timeout must not be followed by an immediate goaway.
            lastCallActivity = .now
            flushNow()
            if case .draining = phase { close() }
        } else {
            scheduleFlush()
        }
    }

    /// The client gave up on a call: stop it and answer CANCELLED.
    func cancelCall(_ callID: UInt64) {
        guard let call = calls.removeValue(forKey: callID) else { return }
        call.task?.cancel()
        let error = RPCError(code: .cancelled, message: "cancelled by the client")
        settleIdempotency(call, error)
        reply(callID, requestID: call.requestID, error: error)
        callFinished()
    }

    /// Answers DEADLINE_EXCEEDED for every call past its deadline and cancels its handler.
    func expireDeadlines(now: ContinuousClock.Instant) {
        var expiredAny = false
        for callID in deadlines.popExpired(now: now) {
            guard let call = calls.removeValue(forKey: callID) else { continue }
            call.task?.cancel()
            logger.debug("deadline exceeded", metadata: ["request-id": "\(call.requestID)"])
            let error = RPCError(
                code: .deadlineExceeded,
                message: "deadline of \(call.deadlineMilliseconds) ms exceeded"
            )
            settleIdempotency(call, error)
            reply(callID, requestID: call.requestID, error: error)
            expiredAny = true
        }
        if expiredAny { callFinished() }
    }

    /// A call that ran for an idempotency key ended without its handler's outcome: release
    /// the key (the error is not remembered) and the calls waiting on it.
    func settleIdempotency(_ call: ActiveCall, _ error: RPCError) {
        if let key = call.idempotencyKey { core.idempotency.finish(key, outcome: .failure(error)) }
    }

    /// Appends an error reply.
    func reply(_ callID: UInt64, requestID: String = "", error: RPCError) {
        guard let stream else { return }
        var status = error.status
        status.requestID = requestID
        do {
            try FrameEncoder.appendReply(callID: callID, status: status, response: nil, to: &stream.outbound)
        } catch {
            // Only a NUL in a handler's message could get here; answer without the message.
            try? FrameEncoder.appendReply(
                callID: callID,
                status: Status(code: status.code, message: "error message not encodable", requestID: requestID),
                response: nil,
                to: &stream.outbound
            )
        }
    }

    /// The status a handler's error is answered with. Errors that do not choose a status are
    /// INTERNAL, logged, and not revealed to the caller.
    private func status(for error: any Error, call: ActiveCall) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as any RPCErrorConvertible:
            return error.rpcError
        case is CancellationError:
            return RPCError(code: .cancelled, message: "the call was cancelled")
        default:
            logger.error(
                "handler failed",
                metadata: ["request-id": "\(call.requestID)", "method": "\(call.method.path)", "error": "\(error)"]
            )
            return RPCError(code: .internal, message: "internal error (request id \(call.requestID))")
        }
    }

    func makeRequestID() -> String {
        generatedRequestIDs += 1
        return "\(core.requestIDPrefix)-\(number)-\(generatedRequestIDs)"
    }
}
