import Dispatch
import HeraldProtos
import HeraldRPC
import HeraldTLS
import HeraldTransport
import HeraldWire
import Logging

/// One client connection: the frame protocol on top of a ``ByteStream``.
///
/// Everything runs on the connection's serial queue: frames are decoded and calls validated,
/// authorized and decoded there; handlers run in tasks and hop back to the queue with their
/// result, which is encoded into the output and flushed (batched when several calls finish
/// together).
final class ServerConnection: @unchecked Sendable {
    // @unchecked: all mutable state is confined to `queue`.

    enum Phase: Equatable {
        /// TLS handshake in progress.
        case handshaking
        /// Established; waiting for the client's preface and settings.
        case awaitingSettings
        case active
        /// A goaway was sent or received: calls above `lastCallID` are refused.
        case draining(lastCallID: UInt64)
        /// Closing; nothing more is processed.
        case closing
        case closed
    }

    struct ActiveCall {
        var task: Task<Void, Never>?
        var method: MethodInfo
        var requestID: String
        var deadlineMilliseconds: UInt64
        /// Set when this call runs on behalf of an idempotency key.
        var idempotencyKey: IdempotencyCache.Key?
    }

    let queue: DispatchQueue
    /// Runs call handlers on `queue`.
    let executor: QueueExecutor
    let core: ServerCore
    let number: UInt64
    var logger: Logger
    var stream: ByteStream?
    var phase = Phase.handshaking
    var decoder: FrameDecoder
    var peerMaxFrameSize = WireLimits.defaultMaxFrameSize
    var identity: String?
    var calls: [UInt64: ActiveCall] = [:]
    var deadlines = DeadlineQueue()
    var highestCallID: UInt64 = 0
    var generatedRequestIDs: UInt64 = 0
    var lastCallActivity = ContinuousClock.now
    var readingPaused = false
    private let acceptedAt = ContinuousClock.now
    private var isPlaintext = false
    private var closeStartedAt: ContinuousClock.Instant?
    /// Wakes the connection for its handshake, idle and close timeouts and call deadlines.
    lazy var timer = WakeupTimer(queue: queue) { [self] in timerFired() }
    /// Called once, on the queue, when the connection has closed.
    var onClose: ((ServerConnection) -> Void)?

    init(core: ServerCore, queue: DispatchQueue) {
        self.core = core
        self.queue = queue
        self.executor = QueueExecutor(queue: queue)
        self.number = core.makeConnectionNumber()
        self.decoder = FrameDecoder(maxFrameSize: core.limits.maxFrameSize)
        var logger = core.logger
        logger[metadataKey: "connection"] = "\(number)"
        self.logger = logger
    }

    /// Starts the connection on an accepted socket. Call on `queue`.
    func start(socket: Socket, security: StreamSecurityMode) {
        if case .plaintext = security { isPlaintext = true }
        do {
            stream = try ByteStream.accepted(socket, security: security, queue: queue, delegate: self)
        } catch {
            logger.info("cannot start connection", metadata: ["error": "\(error)"])
            finishClose()
            return
        }
        timer.schedule(at: acceptedAt + core.limits.handshakeTimeout)
    }

    // MARK: Frames

    private func processInput() {
        guard let stream else { return }
        do {
            let open = try stream.readPlaintext(into: &decoder)
            while phase != .closing && phase != .closed, let frame = try decoder.nextFrame() {
                try handle(frame)
            }
            if !open && phase != .closing && phase != .closed {
                logger.debug("client closed the connection")
                abandonCalls()
                close()
            }
        } catch let violation as ProtocolViolation {
            protocolViolation(violation)
        } catch {
            logger.debug("connection failed", metadata: ["error": "\(error)"])
            abandonCalls()
            stream.abort(error: error)
        }
        flushNow()
    }

    private func handle(_ frame: Frame) throws(ProtocolViolation) {
        if phase == .awaitingSettings && frame.type != .settings {
            throw ProtocolViolation(code: .invalidArgument, message: "expected SETTINGS first, got \(frame.type)")
        }
        switch frame.type {
        case .settings:
            try receiveSettings(frame)
        case .call:
            try receiveCall(frame)
        case .cancel:
            try requireCallID(frame)
            cancelCall(frame.callID)
        case .ping:
            guard frame.payload.count == WireLimits.pingPayloadSize else {
                throw ProtocolViolation(code: .invalidArgument, message: "PING payload must be 8 bytes")
            }
            FrameEncoder.appendFrame(.pong, callID: 0, payload: frame.payload, to: &stream!.outbound)
        case .pong:
            break
        case .goAway:
            // The client will send no new calls: finish what is in flight, then close.
            beginDrain(sendGoAway: false)
        case .reply:
            throw ProtocolViolation(code: .invalidArgument, message: "clients must not send REPLY frames")
        default:
            throw ProtocolViolation(code: .invalidArgument, message: "unknown frame type \(frame.type)")
        }
    }

    private func requireCallID(_ frame: Frame) throws(ProtocolViolation) {
        guard frame.callID != 0 else {
            throw ProtocolViolation(code: .invalidArgument, message: "\(frame.type) frame without a call id")
        }
    }

    private func receiveSettings(_ frame: Frame) throws(ProtocolViolation) {
        let settings: Settings
        do {
            settings = try Settings(serializedBytes: frame.payload)
        } catch {
            throw ProtocolViolation(code: .invalidArgument, message: "malformed SETTINGS: \(error)")
        }
        guard settings.protocolVersion == UInt32(ConnectionPreface.version) else {
            throw ProtocolViolation(
                code: .failedPrecondition,
                message:
                    "unsupported protocol_version \(settings.protocolVersion); this server speaks \(ConnectionPreface.version)"
            )
        }
        let maxFrameSize = settings.maxFrameSize == 0 ? WireLimits.defaultMaxFrameSize : Int(settings.maxFrameSize)
        guard maxFrameSize >= WireLimits.minimumMaxFrameSize else {
            throw ProtocolViolation(
                code: .invalidArgument,
                message: "max_frame_size \(maxFrameSize) is below the minimum \(WireLimits.minimumMaxFrameSize)"
            )
        }
        peerMaxFrameSize = maxFrameSize
        if phase == .awaitingSettings {
            phase = .active
            lastCallActivity = .now
            logger.debug(
                "client ready",
                metadata: ["client": "\(settings.implementationName) \(settings.implementationVersion)"]
            )
            rescheduleForIdle()
        }
    }

    // MARK: Output

    /// Writes queued output now.
    func flushNow() {
        stream?.flush()
        applyBackPressure()
    }

    /// Writes queued output soon, so that replies finishing together share one TLS record and
    /// one system call.
    func scheduleFlush() {
        stream?.flushSoon { [self] in applyBackPressure() }
    }

    /// Stops reading while the client is not taking its replies.
    ///
    /// Call only right after a flush: output left over then is blocked on the socket, so the
    /// stream will report ``streamOutputDrained(_:)`` and reading resumes. (Output merely not
    /// flushed yet would pause reading with no drain event to come.)
    private func applyBackPressure() {
        guard let stream, !stream.isClosed else { return }
        core.counters.notePendingOutput(stream.pendingOutputCount)
        if !readingPaused && stream.pendingOutputCount > core.limits.outputHighWaterMark {
            readingPaused = true
            core.counters.noteReadPause()
            stream.pauseReading()
            logger.debug("client is not reading; pausing input", metadata: ["pending": "\(stream.pendingOutputCount)"])
        }
    }

    // MARK: Goaway and closing

    /// Stops taking new calls; closes once the calls in flight have been answered.
    func beginDrain(sendGoAway: Bool) {
        switch phase {
        case .handshaking, .awaitingSettings:
            close()
            return
        case .active:
            break
        case .draining, .closing, .closed:
            return
        }
        phase = .draining(lastCallID: highestCallID)
        if sendGoAway {
            appendGoAway(.ok, "server shutting down")
            flushNow()
        }
        if calls.isEmpty { close() }
    }

    private func protocolViolation(_ violation: ProtocolViolation) {
        logger.info("protocol violation; closing", metadata: ["reason": "\(violation.message)"])
        abandonCalls()
        guard let stream else { return }
        if violation.isWrongPeer {
            stream.abort(error: violation)
            return
        }
        appendGoAway(violation.code, violation.message)
        close()
    }

    /// Queues a goaway naming the highest call id seen (not flushed).
    private func appendGoAway(_ code: StatusCode, _ message: String) {
        guard let stream else { return }
        let goAway = GoAway(lastCallID: highestCallID, code: code, message: message)
        try? FrameEncoder.appendFrame(.goAway, callID: 0, message: goAway, to: &stream.outbound)
    }

    /// Closes gracefully: flushes, sends the TLS close, closes; forced after the close timeout.
    func close() {
        guard phase != .closing && phase != .closed else { return }
        phase = .closing
        closeStartedAt = .now
        timer.schedule(at: .now + core.limits.closeTimeout)
        stream?.close()
    }

    /// Cancels every call in flight; their results will be dropped.
    func abandonCalls() {
        for call in calls.values {
            call.task?.cancel()
            settleIdempotency(call, RPCError(code: .unavailable, message: "the connection closed"))
        }
        calls.removeAll()
    }

    private func finishClose() {
        guard phase != .closed else { return }
        phase = .closed
        abandonCalls()
        timer.cancel()
        stream = nil
        onClose?(self)
        onClose = nil
    }

    // MARK: Timers

    /// Works out every wakeup owed by now (one run may stand for several) and asks for the next.
    private func timerFired() {
        let now = ContinuousClock.now
        switch phase {
        case .handshaking, .awaitingSettings:
            if now - acceptedAt >= core.limits.handshakeTimeout {
                logger.info("handshake timeout; closing")
                stream?.abort(error: nil)
                return
            }
            timer.schedule(at: acceptedAt + core.limits.handshakeTimeout)
        case .closing:
            guard let started = closeStartedAt else { return }
            if now - started >= core.limits.closeTimeout {
                logger.info("client did not take the last bytes; closing")
                stream?.abort(error: nil)
            } else {
                // Woken for something else (an idle check or deadline set before the close).
                timer.schedule(at: started + core.limits.closeTimeout)
            }
        case .closed:
            return
        case .active, .draining:
            expireDeadlines(now: now)
            rescheduleForIdle()
        }
    }

    /// Sends a goaway to an idle connection, or re-arms for the next idle check or deadline.
    func rescheduleForIdle() {
        if let earliest = deadlines.earliest { timer.schedule(at: earliest) }
        guard phase == .active, let idleTimeout = core.limits.idleTimeout else { return }
        guard calls.isEmpty else {
            timer.schedule(at: .now + idleTimeout)
            return
        }
        let idleSince = lastCallActivity
        if .now - idleSince >= idleTimeout {
            logger.debug("idle timeout; closing")
            appendGoAway(.ok, "idle timeout")
            close()
        } else {
            timer.schedule(at: idleSince + idleTimeout)
        }
    }
}

extension ServerConnection: ByteStreamDelegate {
    func streamEstablished(_ stream: ByteStream) {
        identity = isPlaintext ? core.configuration.plaintextIdentity : stream.peerIdentity?.name
        logger[metadataKey: "peer"] = "\(identity ?? "-")"
        phase = .awaitingSettings
        FrameEncoder.appendPreface(to: &stream.outbound)
        try? FrameEncoder.appendFrame(
            .settings,
            callID: 0,
            message: core.settings(identity: identity),
            to: &stream.outbound
        )
        stream.flush()
    }

    func streamReadable(_ stream: ByteStream) {
        processInput()
    }

    func streamOutputDrained(_ stream: ByteStream) {
        if readingPaused {
            readingPaused = false
            stream.resumeReading()
        }
    }

    func streamClosed(_ stream: ByteStream, error: (any Error)?) {
        if let error, phase == .handshaking {
            logger.info("TLS handshake failed", metadata: ["error": "\(error)"])
        } else if let error {
            logger.debug("connection closed", metadata: ["error": "\(error)"])
        }
        finishClose()
    }
}
