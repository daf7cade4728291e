import Dispatch
import HeraldProtos
import HeraldTLS
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Logging

/// A stand-in server that speaks the frame protocol by script, over real TLS on a real
/// socket: for client behaviour the real server cannot be made to show on demand, such as
/// refusing a call with a goaway, or never answering.
final class ScriptedServer: @unchecked Sendable {
    // @unchecked: `listener` and `peers` are touched only on `queue`.

    /// A call the server received.
    struct Call: Sendable {
        /// Which connection it came on, counting from 1.
        var connection: Int
        var callID: UInt64
        var header: RequestHeader
    }

    /// What to do with a call.
    enum Action: Sendable {
        /// Answer with this status and (when it is OK) response.
        case reply(Status, response: any ProtoMessage)
        /// Send a goaway naming `lastCallID`, then close the connection.
        case goAway(lastCallID: UInt64)
        /// Say nothing.
        case ignore
    }

    struct Events: Sendable {
        var calls: [Call] = []
        var cancels: [UInt64] = []
        var connections = 0
    }

    let events = Observed(Events())
    private(set) var address: SocketAddress!
    private let queue = DispatchQueue(label: "herald.test.scripted-server")
    private let context: TLSContext
    private let settings: Settings
    private let script: @Sendable (Call) -> Action
    private var listener: Listener?
    private var peers: [Peer] = []

    init(
        settings: Settings = Settings(protocolVersion: 1, maxConcurrentCalls: 100, implementationName: "scripted"),
        script: @escaping @Sendable (Call) -> Action
    ) throws {
        var logger = Logger(label: "herald.test.scripted-server")
        logger.logLevel = .critical
        context = try TLSContext(
            configuration: try TestCertificates.shared().serverConfiguration(),
            role: .server,
            logger: logger
        )
        self.settings = settings
        self.script = script
        try queue.sync {
            let listener = try Listener(
                address: try SocketAddress(parsing: "127.0.0.1:0"),
                queue: queue,
                logger: logger
            ) { [unowned self] socket in accept(socket) }
            listener.start()
            self.listener = listener
            address = listener.localAddress
        }
    }

    /// Stops listening and closes every connection.
    func stop() {
        queue.sync {
            listener?.stop()
            listener = nil
            for peer in peers { peer.stream?.abort(error: nil) }
            peers = []
        }
    }

    private func accept(_ socket: Socket) {
        let number = events.update { events in
            events.connections += 1
            return events.connections
        }
        let peer = Peer(server: self, number: number)
        do {
            peer.stream = try ByteStream.accepted(socket, security: .tls(context), queue: queue, delegate: peer)
            peers.append(peer)
        } catch {
            socket.close()
        }
    }

    private final class Peer: ByteStreamDelegate {
        unowned let server: ScriptedServer
        let number: Int
        var stream: ByteStream?
        var decoder = FrameDecoder()

        init(server: ScriptedServer, number: Int) {
            self.server = server
            self.number = number
        }

        func streamEstablished(_ stream: ByteStream) {
            FrameEncoder.appendPreface(to: &stream.outbound)
            try! FrameEncoder.appendFrame(.settings, callID: 0, message: server.settings, to: &stream.outbound)
            stream.flush()
        }

        func streamReadable(_ stream: ByteStream) {
            do {
                _ = try stream.readPlaintext(into: &decoder)
                while !stream.isClosed, let frame = try decoder.nextFrame() {
                    handle(frame, on: stream)
                }
            } catch {
                stream.abort(error: error)
                return
            }
            stream.flush()
        }

        private func handle(_ frame: Frame, on stream: ByteStream) {
            switch frame.type {
            case .call:
                guard let payload = PrefixedPayload(splitting: frame.payload),
                    let header = try? RequestHeader(serializedBytes: payload.leading)
                else { return }
                let call = Call(connection: number, callID: frame.callID, header: header)
                server.events.update { $0.calls.append(call) }
                switch server.script(call) {
                case .reply(let status, let response):
                    try! FrameEncoder.appendReply(
                        callID: frame.callID,
                        status: status,
                        response: status.code == .ok ? response : nil,
                        to: &stream.outbound
                    )
                case .goAway(let lastCallID):
                    let goAway = GoAway(lastCallID: lastCallID, code: .ok, message: "scripted goaway")
                    try! FrameEncoder.appendFrame(.goAway, callID: 0, message: goAway, to: &stream.outbound)
                    stream.close()
                case .ignore:
                    break
                }
            case .cancel:
                server.events.update { $0.cancels.append(frame.callID) }
            case .ping:
                FrameEncoder.appendFrame(.pong, callID: 0, payload: frame.payload, to: &stream.outbound)
            default:
                break
            }
        }

        func streamOutputDrained(_ stream: ByteStream) {}

        func streamClosed(_ stream: ByteStream, error: (any Error)?) {
            self.stream = nil
        }
    }
}
