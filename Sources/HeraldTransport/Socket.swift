/// The one owner of a socket file descriptor.
///
/// The descriptor is closed exactly once, by ``close()``; Dispatch sources watching it must be
/// cancelled first (``ByteStream`` closes it from the last source's cancel handler).
public final class Socket: @unchecked Sendable {
    // @unchecked: `descriptor` is written only by `close()`, which its owner calls on the
    // owning serial queue after every source using the descriptor is cancelled.
    private(set) var descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A non-blocking TCP socket for `address`'s family, with Nagle's algorithm off.
    static func tcp(for address: SocketAddress) throws(SystemCallError) -> Socket {
        let socket = Socket(descriptor: try Posix.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue)))
        do {
            try Posix.setNoDelay(socket.descriptor)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Closes the descriptor; later calls do nothing.
    public func close() {
        guard descriptor >= 0 else { return }
        Posix.close(descriptor)
        descriptor = -1
    }

    deinit {
        if descriptor >= 0 { Posix.close(descriptor) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
