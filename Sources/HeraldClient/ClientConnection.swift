import Dispatch
import HeraldProtos
import HeraldRPC
import HeraldTLS
import HeraldTransport
import HeraldWire
import Logging
import Synchronization

/// One connection of a ``HeraldChannel``: the client side of the frame protocol.
///
/// All state lives on the connection's serial queue. Callers hand over an encoded request and
/// a decoder for the response; the reply (or a failure) resumes their continuation.
final class ClientConnection: @unchecked Sendable {
    // @unchecked: all mutable state is confined to `queue`.

    enum Phase: Equatable {
        case connecting
        case awaitingSettings
        case ready
        /// The server sent a goaway: no new calls; calls above `lastCallID` were not processed.
        case draining(lastCallID: UInt64)
        case closed
    }

    /// What the caller hears back.
    typealias Completion = @Sendable (Result<any ProtoMessage, RPCError>) -> Void
    typealias ResponseDecoder = @Sendable (ArraySlice<UInt8>) -> Result<any ProtoMessage, RPCError>

    /// A call handed to the connection.
    struct Request: Sendable {
        var method: MethodInfo
        var header: RequestHeader
        var body: [UInt8]
        var timeout: Duration?
        var token: CallToken
        var decode: ResponseDecoder
        var complete: Completion
    }

    let queue: DispatchQueue
    private let configuration: ClientConfiguration
    private let security: StreamSecurityMode
    private let logger: Logger
    private(set) var phase = Phase.connecting
    private var stream: ByteStream?
    private var decoder: FrameDecoder
    private var maxConcurrentCalls = WireLimits.defaultMaxConcurrentCalls
    private var peerMaxFrameSize = WireLimits.defaultMaxFrameSize
    private var nextCallID: UInt64 = 1
    private var pending: [UInt64: Request] = [:]
    /// Calls given up on whose reply has not come yet; they still count against the limit.
    private var abandoned: Set<UInt64> = []
    private var queued: [Request] = []
    private var readyWaiters: [@Sendable (RPCError?) -> Void] = []
    private var deadlines = DeadlineQueue()
    /// Wakes the connection for its connect timeout and call deadlines.
    private lazy var timer = WakeupTimer(queue: queue) { [self] in timerFired() }
    private var failure: RPCError?
    /// Called once, on the queue, when the connection can take no more calls.
    var onRetired: (@Sendable (ClientConnection) -> Void)?

    /// Calls in flight or waiting, read from any thread for load balancing.
    let load = Atomic<Int>(0)

    /// - Parameter number: Names the connection in log metadata.
    init(number: Int, configuration: ClientConfiguration, security: StreamSecurityMode, logger: Logger) {
        self.configuration = configuration
        self.security = security
        var logger = logger
        logger[metadataKey: "connection"] = "\(number)"
        self.logger = logger
        self.decoder = FrameDecoder(maxFrameSize: configuration.maxFrameSize)
        switch configuration.ioThreads {
        case .dedicated: queue = DispatchQueue(label: "herald.client.connection")
        case .shared: queue = DispatchQueue(label: "herald.client.connection", target: .global())
        }
    }

    /// Starts connecting.
    func connect() {
        queue.async { [self] in
            do {
                stream = try ByteStream.connect(
                    to: configuration.serverAddress,
                    security: security,
                    serverName: configuration.tls.serverName,
                    queue: queue,
                    delegate: self
                )
                timer.schedule(at: .now + configuration.connectTimeout)
            } catch {
                fail(
                    RPCError(code: .unavailable, message: "cannot connect to \(configuration.serverAddress): \(error)")
                )
            }
        }
    }

    /// True while the connection is ready for calls; read without the queue, so that calls on
    /// an established connection do not hop to it just to check.
    private let isReady = Atomic<Bool>(false)

    /// Waits until the connection is ready.
    ///
    /// - Throws: UNAVAILABLE when it could not be established.
    func ready() async throws(RPCError) {
        if isReady.load(ordering: .acquiring) { return }
        let outcome: RPCError? = await withCheckedContinuation { continuation in
            queue.async { [self] in
                switch phase {
                case .ready: continuation.resume(returning: nil)
                case .connecting, .awaitingSettings: readyWaiters.append { continuation.resume(returning: $0) }
                case .draining, .closed:
                    continuation.resume(
                        returning: failure ?? RPCError(code: .unavailable, message: "the connection is closing")
                    )
                }
            }
        }
        if let outcome { throw outcome }
    }

    // MARK: Calls

    /// Sends a call (or queues it while too many are in flight).
    ///
    /// When no other call is in flight the work runs with `queue.sync`: Dispatch runs it on the
    /// calling thread, so a lone call is written without waking another thread. Under load it
    /// is queued asynchronously instead, so that callers never block each other (they run on
    /// Swift's small cooperative thread pool). Must not be called from the queue itself.
    func send(_ request: Request) {
        if load.wrappingAdd(1, ordering: .relaxed).oldValue == 0 {
            queue.sync { [self] in enqueue(request) }
        } else {
            queue.async { [self] in enqueue(request) }
        }
    }

    private func enqueue(_ request: Request) {
        guard !request.token.isCancelled else {
            finish(request, .failure(RPCError(code: .cancelled, message: "the call was cancelled")))
            return
        }
        switch phase {
        case .ready:
            if pending.count + abandoned.count < maxConcurrentCalls {
                transmit(request)
            } else {
                queued.append(request)
            }
        case .connecting, .awaitingSettings:
            queued.append(request)
        case .draining, .closed:
            finish(request, .failure(notProcessed("the connection is closing")))
        }
    }

    /// The caller's task was cancelled: tell the server and answer CANCELLED.
    func cancel(_ token: CallToken) {
        queue.async { [self] in
            if let index = queued.firstIndex(where: { $0.token === token }) {
                let request = queued.remove(at: index)
                finish(request, .failure(RPCError(code: .cancelled, message: "the call was cancelled")))
                return
            }
            guard let callID = token.callID, let call = pending.removeValue(forKey: callID) else { return }
            abandoned.insert(callID)
            if let stream {
                FrameEncoder.appendFrame(.cancel, callID: callID, payload: EmptyCollection(), to: &stream.outbound)
                stream.flushSoon()
            }
            finish(call, .failure(RPCError(code: .cancelled, message: "the call was cancelled")))
        }
    }

    private func transmit(_ request: Request) {
        guard let stream else { return }
        let callID = nextCallID
        nextCallID += 1
        request.token.callID = callID
        var header = request.header
        if let timeout = request.timeout {
            header.deadlineMs = UInt64(max(1, timeout.wholeMilliseconds))
            // A little slack so that the server's DEADLINE_EXCEEDED normally arrives first.
            let deadline = ContinuousClock.now + timeout + .milliseconds(20)
            deadlines.insert(deadline, callID: callID)
            timer.schedule(at: deadline)
        }
        let start = stream.outbound.count
        do {
            let length = try FrameEncoder.appendCall(
                callID: callID,
                header: header,
                encodedRequest: request.body,
                to: &stream.outbound
            )
            guard length <= peerMaxFrameSize else {
                stream.outbound.removeSubrange(start...)
                finish(
                    request,
                    .failure(
                        RPCError(
                            code: .resourceExhausted,
                            message:
                                "the request of \(length) bytes exceeds the server's max_frame_size \(peerMaxFrameSize)"
                        )
                    )
                )
                return
            }
        } catch {
            stream.outbound.removeSubrange(start...)
            finish(request, .failure(RPCError(code: .invalidArgument, message: "\(error)")))
            return
        }
        pending[callID] = request
        if pending.count == 1 && queued.isEmpty {
            stream.flush()
        } else {
            stream.flushSoon()
        }
    }

    private func finish(_ request: Request, _ result: Result<any ProtoMessage, RPCError>) {
        load.subtract(1, ordering: .relaxed)
        request.complete(result)
    }

    private func sendQueued() {
        while phase == .ready, !queued.isEmpty, pending.count + abandoned.count < maxConcurrentCalls {
            transmit(queued.removeFirst())
        }
    }

    // MARK: Frames

    private func processInput() {
        guard let stream else { return }
        do {
            let open = try stream.readPlaintext(into: &decoder)
            while phase != .closed, let frame = try decoder.nextFrame() {
                try handle(frame)
            }
            if !open { fail(RPCError(code: .unavailable, message: "the server closed the connection")) }
        } catch let violation as ProtocolViolation {
            fail(RPCError(code: .unavailable, message: "protocol error from the server: \(violation.message)"))
        } catch {
            fail(RPCError(code: .unavailable, message: "connection to \(configuration.serverAddress) failed: \(error)"))
        }
        stream.flush()
    }

    private func handle(_ frame: Frame) throws(ProtocolViolation) {
        switch frame.type {
        case .settings:
            let settings: Settings
            do {
                settings = try Settings(serializedBytes: frame.payload)
            } catch {
                throw ProtocolViolation(code: .invalidArgument, message: "malformed SETTINGS: \(error)")
            }
            if settings.maxConcurrentCalls > 0 { maxConcurrentCalls = Int(settings.maxConcurrentCalls) }
            if settings.maxFrameSize > 0 { peerMaxFrameSize = Int(settings.maxFrameSize) }
            if phase == .awaitingSettings {
                phase = .ready
                isReady.store(true, ordering: .releasing)
                let waiters = readyWaiters
                readyWaiters = []
                for waiter in waiters { waiter(nil) }
                sendQueued()
            }
        case .reply:
            receiveReply(frame)
        case .ping:
            FrameEncoder.appendFrame(.pong, callID: 0, payload: frame.payload, to: &stream!.outbound)
        case .pong:
            break
        case .goAway:
            let goAway = try? GoAway(serializedBytes: frame.payload)
            receiveGoAway(goAway ?? GoAway())
        default:
            throw ProtocolViolation(code: .invalidArgument, message: "unexpected \(frame.type) frame from the server")
        }
    }

    private func receiveReply(_ frame: Frame) {
        if abandoned.remove(frame.callID) != nil {
            sendQueued()
            return
        }
        guard let call = pending.removeValue(forKey: frame.callID) else { return }
        let result: Result<any ProtoMessage, RPCError>
        if let payload = PrefixedPayload(splitting: frame.payload) {
            if payload.leading.isEmpty {
                result = call.decode(payload.body)
            } else if let status = try? Status(serializedBytes: payload.leading) {
                result = status.code == .ok ? call.decode(payload.body) : .failure(RPCError(status: status))
            } else {
                result = .failure(RPCError(code: .internal, message: "the server sent a malformed status"))
            }
        } else {
            result = .failure(RPCError(code: .internal, message: "the server sent a malformed reply"))
        }
        finish(call, result)
        deadlines.compact(liveCount: pending.count) { pending[$0] != nil }
        sendQueued()
        if case .draining = phase, pending.isEmpty { stream?.close() }
    }

    private func receiveGoAway(_ goAway: GoAway) {
        logger.debug("server sent goaway", metadata: ["message": "\(goAway.message)"])
        phase = .draining(lastCallID: goAway.lastCallID)
        isReady.store(false, ordering: .releasing)
        onRetired?(self)
        onRetired = nil
        for (callID, call) in pending where callID > goAway.lastCallID {
            pending[callID] = nil
            finish(call, .failure(notProcessed("the server is going away: \(goAway.message)")))
        }
        let waiting = queued
        queued = []
        for request in waiting {
            finish(request, .failure(notProcessed("the server is going away: \(goAway.message)")))
        }
        if pending.isEmpty { stream?.close() }
    }

    /// UNAVAILABLE for a call the server never processed: always safe to retry.
    private func notProcessed(_ message: String) -> RPCError {
        RPCError(code: .unavailable, message: message, metadata: [RetryMarker.key: RetryMarker.notProcessed])
    }

    // MARK: Failure and timers

    private func fail(_ error: RPCError) {
        guard phase != .closed else { return }
        phase = .closed
        isReady.store(false, ordering: .releasing)
        failure = error
        onRetired?(self)
        onRetired = nil
        let waiters = readyWaiters
        readyWaiters = []
        for waiter in waiters { waiter(error) }
        for (_, call) in pending {
            finish(call, .failure(error))
        }
        pending = [:]
        for request in queued {
            finish(request, .failure(notProcessed(error.message)))
        }
        queued = []
        timer.cancel()
        stream?.abort(error: nil)
    }

    /// Closes gracefully once no call is in flight.
    func close() {
        queue.async { [self] in
            guard phase != .closed else { return }
            if let stream, phase == .ready {
                try? FrameEncoder.appendFrame(
                    .goAway,
                    callID: 0,
                    message: GoAway(lastCallID: 0, code: .ok, message: "client closing"),
                    to: &stream.outbound
                )
            }
            phase = .draining(lastCallID: 0)
            isReady.store(false, ordering: .releasing)
            onRetired?(self)
            onRetired = nil
            if pending.isEmpty { stream?.close() }
        }
    }

    /// Works out every wakeup owed by now (one run may stand for several) and asks for the next.
    private func timerFired() {
        if phase == .connecting || phase == .awaitingSettings {
            fail(RPCError(code: .unavailable, message: "connecting to \(configuration.serverAddress) timed out"))
            return
        }
        for callID in deadlines.popExpired(now: .now) {
            guard let call = pending.removeValue(forKey: callID) else { continue }
            abandoned.insert(callID)
            if let stream {
                FrameEncoder.appendFrame(.cancel, callID: callID, payload: EmptyCollection(), to: &stream.outbound)
            }
            finish(call, .failure(RPCError(code: .deadlineExceeded, message: "no reply before the deadline")))
        }
        stream?.flush()
        if let next = deadlines.earliest { timer.schedule(at: next) }
    }
}

extension ClientConnection: ByteStreamDelegate {
    func streamEstablished(_ stream: ByteStream) {
        phase = .awaitingSettings
        FrameEncoder.appendPreface(to: &stream.outbound)
        let settings = Settings(
            protocolVersion: UInt32(ConnectionPreface.version),
            maxFrameSize: UInt32(configuration.maxFrameSize),
            implementationName: configuration.implementationName,
            implementationVersion: "1"
        )
        try? FrameEncoder.appendFrame(.settings, callID: 0, message: settings, to: &stream.outbound)
        stream.flush()
    }

    func streamReadable(_ stream: ByteStream) {
        processInput()
    }

    func streamOutputDrained(_ stream: ByteStream) {}

    func streamClosed(_ stream: ByteStream, error: (any Error)?) {
        self.stream = nil
        let message = error.map { "connection to \(configuration.serverAddress) failed: \($0)" }
        fail(
            RPCError(code: .unavailable, message: message ?? "the connection to \(configuration.serverAddress) closed")
        )
    }
}

/// Links a caller's task to its call on a connection, for cancellation.
final class CallToken: @unchecked Sendable {
    // @unchecked: `callID` is touched only on the connection's queue; `cancelled` is atomic.
    var callID: UInt64?
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func markCancelled() {
        cancelled.store(true, ordering: .releasing)
    }
}

/// Marks errors of calls the server never saw, which any retry policy may repeat.
enum RetryMarker {
    static let key = "herald-transport"
    static let notProcessed = "not-processed"
}
