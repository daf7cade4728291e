public import Dispatch
public import HeraldTLS

/// How a stream is secured.
public enum StreamSecurityMode: Sendable {
    /// TLS with sessions from this context.
    case tls(TLSContext)
    /// No security (loopback sidecar listener only).
    case plaintext
}

extension ByteStream {
    /// Wraps a socket accepted by a ``Listener`` and starts reading; the client speaks first.
    ///
    /// Call on `queue`.
    public static func accepted(
        _ socket: Socket,
        security mode: StreamSecurityMode,
        queue: DispatchQueue,
        delegate: any ByteStreamDelegate
    ) throws -> ByteStream {
        let stream = ByteStream(
            socket: socket,
            security: try makeSecurity(mode, serverName: nil),
            queue: queue,
            connecting: false
        )
        stream.delegate = delegate
        stream.start(initiatesHandshake: false)
        return stream
    }

    /// Connects to `address` without blocking, then runs the client handshake; the delegate
    /// hears ``ByteStreamDelegate/streamEstablished(_:)`` or ``ByteStreamDelegate/streamClosed(_:error:)``.
    ///
    /// Call on `queue`.
    public static func connect(
        to address: SocketAddress,
        security mode: StreamSecurityMode,
        serverName: String?,
        queue: DispatchQueue,
        delegate: any ByteStreamDelegate
    ) throws -> ByteStream {
        let security = try makeSecurity(mode, serverName: serverName)
        let socket = try Socket.tcp(for: address)
        let connected: Bool
        do {
            if case .done = try Posix.connect(socket.descriptor, address) {
                connected = true
            } else {
                connected = false
            }
        } catch {
            socket.close()
            throw error
        }
        let stream = ByteStream(socket: socket, security: security, queue: queue, connecting: !connected)
        stream.delegate = delegate
        stream.start(initiatesHandshake: true)
        return stream
    }

    private static func makeSecurity(_ mode: StreamSecurityMode, serverName: String?) throws -> any StreamSecurity {
        switch mode {
        case .tls(let context): try context.makeSession(serverName: serverName)
        case .plaintext: PlaintextSecurity()
        }
    }
}
