public import Dispatch
public import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A non-blocking listening TCP socket watched by a Dispatch read source; every accepted
/// connection is handed to `onAccept` on the listener's queue.
public final class Listener: @unchecked Sendable {
    // @unchecked: mutable state is touched only on `queue`, after `start()`.

    /// The bound address (with the real port when 0 was asked for).
    public let localAddress: SocketAddress
    private let socket: Socket
    private let queue: DispatchQueue
    private let logger: Logger
    private var source: (any DispatchSourceRead)?
    private var paused = false
    private let onAccept: (Socket) -> Void

    /// Binds and listens on `address`.
    ///
    /// - Throws: ``SystemCallError`` (e.g. the address is in use).
    public init(
        address: SocketAddress,
        queue: DispatchQueue,
        logger: Logger,
        onAccept: @escaping (Socket) -> Void
    ) throws(SystemCallError) {
        let socket = Socket(descriptor: try Posix.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue)))
        do {
            try Posix.setReuseAddress(socket.descriptor)
            try Posix.bind(socket.descriptor, address)
            try Posix.listen(socket.descriptor, backlog: 1024)
            localAddress = try Posix.localAddress(socket.descriptor)
        } catch {
            socket.close()
            throw error
        }
        self.socket = socket
        self.queue = queue
        self.logger = logger
        self.onAccept = onAccept
    }

    /// Starts accepting.
    public func start() {
        let source = DispatchSource.makeReadSource(fileDescriptor: socket.descriptor, queue: queue)
        source.setEventHandler { [self] in acceptPending() }
        source.setCancelHandler { [self] in socket.close() }
        self.source = source
        source.activate()
    }

    /// Stops accepting and closes the listening socket. Call on the listener's queue.
    public func stop() {
        guard let source else {
            socket.close()
            return
        }
        if paused {
            source.resume()
            paused = false
        }
        source.cancel()
        self.source = nil
    }

    private func acceptPending() {
        for _ in 0..<64 {
            do {
                switch try Posix.accept(socket.descriptor) {
                case .wouldBlock:
                    return
                case .done(let descriptor):
                    let accepted = Socket(descriptor: descriptor)
                    try? Posix.setNoDelay(descriptor)
                    onAccept(accepted)
                }
            } catch {
                // Out of descriptors (EMFILE/ENFILE) or similar: the socket stays readable, so
                // pause briefly instead of spinning.
                logger.warning("accept failed; pausing the listener", metadata: ["error": "\(error)"])
                pauseBriefly()
                return
            }
        }
    }

    private func pauseBriefly() {
        guard let source, !paused else { return }
        source.suspend()
        paused = true
        queue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            guard paused, let source = self.source else { return }
            source.resume()
            paused = false
        }
    }
}
