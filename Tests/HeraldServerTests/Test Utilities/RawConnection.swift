import Dispatch
import HeraldProtos
import HeraldRPC
import HeraldTLS
import HeraldTransport
import HeraldWire
import Logging
import Testing

/// A frame a ``RawConnection`` received, with its payload copied out.
struct ReceivedFrame: Sendable, CustomStringConvertible {
    var type: FrameType
    var callID: UInt64
    var payload: [UInt8]
    /// When it was decoded.
    var receivedAt: ContinuousClock.Instant

    var description: String { "\(type) #\(callID) (\(payload.count) bytes)" }

    /// The status of a REPLY (OK when the prefix is empty).
    func status() throws -> Status {
        let parts = try #require(PrefixedPayload(splitting: payload[...]), "REPLY payload without a length prefix")
        return try Status(serializedBytes: parts.leading)
    }

    /// The response message of a successful REPLY.
    func response<Response: ProtoMessage>(_ type: Response.Type) throws -> Response {
        let parts = try #require(PrefixedPayload(splitting: payload[...]), "REPLY payload without a length prefix")
        return try Response(serializedBytes: parts.body)
    }

    func goAway() throws -> GoAway { try GoAway(serializedBytes: payload) }

    func settings() throws -> Settings { try Settings(serializedBytes: payload) }
}

/// A test client that speaks TLS (or plain TCP) to a server over a real socket and lets a test
/// send any bytes and see every frame the server sends back.
///
/// Built on ``ByteStream`` from HeraldTransport, with a ``FrameDecoder`` expecting the
/// server's preface. Every wait is bounded (see ``TestTimeout``).
final class RawConnection: @unchecked Sendable {
    // @unchecked: `stream` and `decoder` are touched only on `queue`; `events` is locked.

    /// How the connection ended.
    enum Ending: Sendable, Equatable {
        /// The server sent TLS `close_notify` before the connection closed.
        case closeNotify
        /// The connection closed without `close_notify` (or failed); the text says why.
        case aborted(String)
    }

    struct Events: Sendable {
        var established = false
        /// Every frame received, in order.
        var frames: [ReceivedFrame] = []
        /// How many frames ``RawConnection/nextFrame(timeout:)`` has handed out.
        var consumed = 0
        var receivedCloseNotify = false
        var ending: Ending?
        /// The server broke the frame protocol as the decoder sees it (e.g. a wrong preface).
        var decodingError: String?
    }

    let events = Observed(Events())
    private let queue = DispatchQueue(label: "herald.test.raw-connection")
    private var stream: ByteStream?
    private var decoder = FrameDecoder(maxFrameSize: 64 << 20, expectPreface: true)

    private init() {}

    deinit {
        // Nothing else holds the connection, so no callback is running: close the socket.
        if let stream {
            queue.async { stream.abort(error: nil) }
        }
    }

    /// Starts connecting (TCP, then the TLS handshake unless `tls` is nil); returns at once.
    static func connect(to address: SocketAddress, tls: TLSConfiguration?) throws -> RawConnection {
        let mode: StreamSecurityMode
        if let tls {
            mode = .tls(try TLSContext(configuration: tls, role: .client, logger: quietLogger))
        } else {
            mode = .plaintext
        }
        let connection = RawConnection()
        let delegate = Delegate(connection: connection)
        try connection.queue.sync {
            connection.stream = try ByteStream.connect(
                to: address,
                security: mode,
                serverName: tls?.serverName,
                queue: connection.queue,
                delegate: delegate
            )
            connection.delegate = delegate
        }
        return connection
    }

    /// Connects with TLS, sends the preface and `settings`, and waits for the server's
    /// SETTINGS frame.
    ///
    /// - Returns: the connection and the server's settings.
    static func open(
        to address: SocketAddress,
        tls: TLSConfiguration,
        settings: Settings = Settings(protocolVersion: 1, implementationName: "raw-test-client")
    ) async throws -> (RawConnection, Settings) {
        let connection = try connect(to: address, tls: tls)
        connection.send(RawFrames.preface + RawFrames.settings(settings))
        let first = try await connection.nextFrame()
        guard first.type == .settings else {
            throw RawConnectionError(description: "expected the server's SETTINGS first, got \(first)")
        }
        return (connection, try first.settings())
    }

    private var delegate: Delegate?

    // MARK: Sending

    /// Sends bytes as one write (one TLS record unless larger than a record).
    func send(_ bytes: [UInt8]) {
        queue.async { [self] in
            guard let stream else { return }
            stream.outbound.append(contentsOf: bytes)
            stream.flush()
        }
    }

    /// Sends each byte in a write (and a TLS record) of its own.
    func sendOneByteAtATime(_ bytes: [UInt8]) {
        queue.async { [self] in
            for byte in bytes {
                guard let stream, !stream.isClosed else { return }
                stream.outbound.append(byte)
                stream.flush()
            }
        }
    }

    /// Plaintext and ciphertext this side could not write yet (the server is not reading).
    var pendingOutputCount: Int {
        queue.sync { stream?.pendingOutputCount ?? 0 }
    }

    /// Stops reading from the socket, so the server's replies pile up.
    func pauseReading() {
        queue.sync { stream?.pauseReading() }
    }

    func resumeReading() {
        queue.sync { stream?.resumeReading() }
    }

    /// Closes gracefully (`close_notify`).
    func close() {
        queue.async { [self] in stream?.close() }
    }

    // MARK: Receiving

    /// Waits for the TLS handshake to finish on this side.
    func waitEstablished(timeout: Duration = TestTimeout.standard) async throws {
        try await events.wait(for: "the TLS handshake", timeout: timeout) { $0.established || $0.ending != nil }
        if case .aborted(let reason) = events.value.ending {
            throw RawConnectionError(description: "the connection closed during the handshake: \(reason)")
        }
    }

    /// The next frame not yet handed out.
    ///
    /// - Throws: ``RawConnectionError`` when the connection closes first; ``WaitTimeout``.
    func nextFrame(timeout: Duration = TestTimeout.standard) async throws -> ReceivedFrame {
        let frame: ReceivedFrame? = try await events.wait(for: "a frame", timeout: timeout) { events in
            if events.consumed < events.frames.count {
                events.consumed += 1
                return .some(events.frames[events.consumed - 1])
            }
            return events.ending != nil ? .some(nil) : nil
        }
        guard let frame else {
            throw RawConnectionError(description: "the connection closed (\(events.value.ending!)) before a frame came")
        }
        return frame
    }

    /// The reply to `callID`, wherever it is among the received frames (nothing is consumed).
    func reply(to callID: UInt64, timeout: Duration = TestTimeout.standard) async throws -> ReceivedFrame {
        let frame: ReceivedFrame? = try await events.wait(for: "the reply to call \(callID)", timeout: timeout) {
            events in
            if let frame = events.frames.first(where: { $0.type == .reply && $0.callID == callID }) {
                return .some(frame)
            }
            return events.ending != nil ? .some(nil) : nil
        }
        guard let frame else {
            throw RawConnectionError(description: "the connection closed before the reply to call \(callID)")
        }
        return frame
    }

    /// Waits until `count` frames of `type` have arrived.
    func frames(
        ofType type: FrameType,
        count: Int,
        timeout: Duration = TestTimeout.standard
    ) async throws
        -> [ReceivedFrame]
    {
        try await events.wait(for: "\(count) \(type) frames", timeout: timeout) { events in
            let matching = events.frames.filter { $0.type == type }
            return matching.count >= count ? matching : nil
        }
    }

    /// Sends a PING and waits for its PONG: every frame the server sent before answering it
    /// has arrived by then.
    func roundTrip(timeout: Duration = TestTimeout.standard) async throws {
        let token = (0..<8).map { _ in UInt8.random(in: 0...255) }
        send(RawFrames.ping(token))
        try await events.wait(for: "the pong", timeout: timeout) { events in
            events.frames.contains { $0.type == .pong && $0.payload == token }
        }
    }

    /// Waits for the connection to close.
    @discardableResult
    func waitClosed(timeout: Duration = TestTimeout.standard) async throws -> Ending {
        try await events.wait(for: "the connection to close", timeout: timeout) { $0.ending }
    }

    /// Every frame received so far.
    var receivedFrames: [ReceivedFrame] { events.value.frames }

    // MARK: Stream events (on `queue`)

    private func readable(_ stream: ByteStream) {
        var frames: [ReceivedFrame] = []
        var failure: (any Error)?
        var closeNotify = false
        do {
            closeNotify = try !stream.readPlaintext(into: &decoder)
            while let frame = try decoder.nextFrame() {
                frames.append(
                    ReceivedFrame(
                        type: frame.type,
                        callID: frame.callID,
                        payload: Array(frame.payload),
                        receivedAt: .now
                    )
                )
            }
        } catch {
            failure = error
        }
        // Record the frames before closing, so that a waiter never sees the close first.
        events.update { events in
            events.frames += frames
            if closeNotify { events.receivedCloseNotify = true }
            if let violation = failure as? ProtocolViolation { events.decodingError = violation.message }
        }
        if let failure {
            stream.abort(error: failure)
        } else if closeNotify {
            // Like Herald's own peers, close once the server has closed its side rather than
            // wait for the socket's end: libdispatch may not report a reset that arrives while
            // this handler runs.
            stream.close()
        }
    }

    private func closed(error: (any Error)?) {
        events.update { events in
            if events.receivedCloseNotify {
                events.ending = .closeNotify
            } else {
                events.ending = .aborted(error.map { "\($0)" } ?? "closed")
            }
        }
        stream = nil
        delegate = nil
    }

    /// The stream's delegate (the stream holds it weakly; the connection holds it until close).
    private final class Delegate: ByteStreamDelegate {
        weak var connection: RawConnection?

        init(connection: RawConnection) {
            self.connection = connection
        }

        func streamEstablished(_ stream: ByteStream) {
            connection?.events.update { $0.established = true }
            // Send what the test queued during the handshake.
            stream.flush()
        }

        func streamReadable(_ stream: ByteStream) {
            connection?.readable(stream)
        }

        func streamOutputDrained(_ stream: ByteStream) {}

        func streamClosed(_ stream: ByteStream, error: (any Error)?) {
            connection?.closed(error: error)
        }
    }

    private static let quietLogger: Logger = {
        var logger = Logger(label: "herald.test.raw-connection")
        logger.logLevel = .critical
        return logger
    }()
}

/// A raw connection did not see what the test expected.
struct RawConnectionError: Error, CustomStringConvertible {
    var description: String
}
