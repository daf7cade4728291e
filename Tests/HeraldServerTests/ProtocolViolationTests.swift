import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTestSupport
import HeraldWire
import Testing

/// Broken streams: the server answers with a GOAWAY naming the problem and closes, or — for
/// something that is not a Herald client at all — closes without a word.
@Suite struct ProtocolViolationTests {
    /// Bytes sent after the TLS handshake and the GOAWAY code they must earn.
    struct Violation: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var code: StatusCode

        var testDescription: String { name }

        static let prelude = RawFrames.preface + RawFrames.settings()
        static let echo = RawFrames.call(1, method: HealthService.echo.info, request: EchoRequest(payload: [1]))

        static let all = [
            Violation(
                name: "preface of another version",
                bytes: Array(ConnectionPreface.bytes.dropLast()) + [2],
                code: .failedPrecondition
            ),
            Violation(
                name: "length over max_frame_size (header only)",
                bytes: prelude
                    + RawFrames.header(.call, callID: 1, announcing: UInt32(WireLimits.defaultMaxFrameSize + 1)),
                code: .resourceExhausted
            ),
            Violation(
                name: "length over max_frame_size, payload following",
                bytes: prelude
                    + RawFrames.header(.call, callID: 1, announcing: UInt32(WireLimits.defaultMaxFrameSize + 1))
                    + Array(repeating: 0x55, count: 1 << 20),
                code: .resourceExhausted
            ),
            Violation(
                name: "length of 4 GiB (header only)",
                bytes: prelude + RawFrames.header(.call, callID: 1, announcing: .max),
                code: .resourceExhausted
            ),
            Violation(
                name: "oversized first frame",
                bytes: RawFrames.preface + RawFrames.header(.settings, announcing: 1 << 30),
                code: .resourceExhausted
            ),
            Violation(
                name: "unknown frame type",
                bytes: prelude + RawFrames.frame(FrameType(rawValue: 0x2A), payload: [1, 2, 3]),
                code: .invalidArgument
            ),
            Violation(
                name: "PING before SETTINGS",
                bytes: RawFrames.preface + RawFrames.ping([0, 0, 0, 0, 0, 0, 0, 0]),
                code: .invalidArgument
            ),
            Violation(
                name: "CALL before SETTINGS",
                bytes: RawFrames.preface + echo,
                code: .invalidArgument
            ),
            Violation(
                name: "malformed SETTINGS",
                bytes: RawFrames.preface + RawFrames.frame(.settings, payload: [0x0A, 0xFF]),
                code: .invalidArgument
            ),
            Violation(
                name: "SETTINGS of another protocol version",
                bytes: RawFrames.preface + RawFrames.settings(Settings(protocolVersion: 2)),
                code: .failedPrecondition
            ),
            Violation(
                name: "SETTINGS with max_frame_size below 16 KiB",
                bytes: RawFrames.preface + RawFrames.settings(Settings(protocolVersion: 1, maxFrameSize: 1_024)),
                code: .invalidArgument
            ),
            Violation(
                name: "repeated call id",
                bytes: prelude + echo + echo,
                code: .invalidArgument
            ),
            Violation(
                name: "smaller call id",
                bytes: prelude
                    + RawFrames.call(5, method: HealthService.echo.info, request: EchoRequest())
                    + RawFrames.call(4, method: HealthService.echo.info, request: EchoRequest()),
                code: .invalidArgument
            ),
            Violation(
                name: "call id 0",
                bytes: prelude + RawFrames.call(0, method: HealthService.echo.info, request: EchoRequest()),
                code: .invalidArgument
            ),
            Violation(
                name: "CANCEL without a call id",
                bytes: prelude + RawFrames.cancel(0),
                code: .invalidArgument
            ),
            Violation(
                name: "client sends REPLY",
                bytes: prelude + RawFrames.frame(.reply, callID: 1, payload: [0, 0, 0, 0]),
                code: .invalidArgument
            ),
            Violation(
                name: "PING of 7 bytes",
                bytes: prelude + RawFrames.ping([1, 2, 3, 4, 5, 6, 7]),
                code: .invalidArgument
            ),
        ]
    }

    @Test(arguments: Violation.all)
    func violationEarnsGoAwayAndClose(_ violation: Violation) async throws {
        let server = try TestServer.start()
        let connection = try server.connectRaw(tls: server.certificates.clientConfiguration())
        connection.send(violation.bytes)
        try await connection.waitClosed()
        let frames = connection.receivedFrames
        let goAway = try #require(frames.last, "a GOAWAY before the close")
        #expect(goAway.type == .goAway)
        #expect(goAway.callID == 0)
        let message = try goAway.goAway()
        #expect(message.code == violation.code, "\(message.message)")
        #expect(!message.message.isEmpty)
        #expect(frames.filter { $0.type == .goAway }.count == 1)
        #expect(frames.first?.type == .settings)
        try await poll("the server to forget the connection") { server.server.connectionCount == 0 }
        await server.stop()
    }

    @Test func goAwayNamesTheLastCallAnsweredBeforeAViolation() async throws {
        let server = try TestServer.start()
        let (connection, _) = try await server.openRaw()
        connection.send(
            RawFrames.call(3, method: HealthService.echo.info, request: EchoRequest(payload: [3]))
                + RawFrames.call(2, method: HealthService.echo.info, request: EchoRequest(payload: [2]))
        )
        try await connection.waitClosed()
        let goAway = try #require(connection.receivedFrames.last { $0.type == .goAway }).goAway()
        #expect(goAway.lastCallID == 3)
        #expect(goAway.code == .invalidArgument)
        #expect(connection.receivedFrames.filter { $0.type == .reply && $0.callID == 2 }.isEmpty)
        await server.stop()
    }

    /// Something that is not a Herald client: an HTTP request after the TLS handshake.
    @Test(arguments: [
        Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8),
        [0x16, 0x03, 0x01, 0x00, 0x05],
        Array(ConnectionPreface.bytes.prefix(3)) + [0x00],
    ])
    func wrongPrefaceIsClosedAtOnceWithoutAnswer(_ bytes: [UInt8]) async throws {
        // Handshake and idle timeouts far beyond the wait: only closing on the bad bytes themselves
        // ends the connection in time.
        let server = try TestServer.start { configuration in
            configuration.limits.handshakeTimeout = .seconds(3600)
            configuration.limits.idleTimeout = nil
        }
        let connection = try server.connectRaw(tls: server.certificates.clientConfiguration())
        connection.send(bytes)
        let ending = try await connection.waitClosed(timeout: .seconds(20))
        #expect(ending != .closeNotify, "closed at once, not gracefully")
        // The server sends its preface and SETTINGS without waiting for the client's; after
        // that, nothing.
        #expect(connection.receivedFrames.map(\.type) == [.settings])
        try await poll("the server to forget the connection") { server.server.connectionCount == 0 }
        await server.stop()
    }
}
