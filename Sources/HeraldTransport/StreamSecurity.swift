public import HeraldTLS

/// What a ``ByteStream`` needs from the layer between the socket and the frames: TLS, or
/// nothing for the loopback plaintext listener.
protocol StreamSecurity: AnyObject {
    /// The authenticated peer, once established (nil in plaintext).
    var peerIdentity: TLSPeerIdentity? { get }
    /// Bytes read from the socket.
    func feed(_ bytes: UnsafeRawBufferPointer)
    /// The socket reached end-of-stream.
    func feedEndOfStream()
    /// Advances the handshake; true when established.
    func advanceHandshake() throws -> Bool
    /// Appends available plaintext; returns false once the peer closed cleanly.
    func readPlaintext(appendingTo buffer: inout [UInt8]) throws -> Bool
    /// Takes plaintext to send.
    func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws
    /// Bytes waiting to go to the socket.
    var pendingOutputCount: Int { get }
    /// Lends pending output to `send`, which returns how much it wrote.
    func withPendingOutput(_ send: (UnsafeRawBufferPointer) throws -> Int) rethrows -> Int
    /// Queues this side's close message, if the layer has one.
    func beginShutdown()
}

extension TLSSession: StreamSecurity {
    func advanceHandshake() throws -> Bool {
        try handshake() == .complete
    }

    func readPlaintext(appendingTo buffer: inout [UInt8]) throws -> Bool {
        let result: TLSReadResult = try readPlaintext(appendingTo: &buffer)
        return result.status != .closed
    }

    func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            offset += try writePlaintext(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    var pendingOutputCount: Int { pendingCiphertextCount }

    func withPendingOutput(_ send: (UnsafeRawBufferPointer) throws -> Int) rethrows -> Int {
        try withPendingCiphertext(send)
    }

    func beginShutdown() {
        _ = try? shutdown()
    }
}

/// No security: bytes pass through. Only for a loopback listener behind a mesh sidecar.
final class PlaintextSecurity: StreamSecurity {
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var outputStart = 0
    private var ended = false

    var peerIdentity: TLSPeerIdentity? { nil }

    func feed(_ bytes: UnsafeRawBufferPointer) { input.append(contentsOf: bytes) }
    func feedEndOfStream() { ended = true }
    func advanceHandshake() throws -> Bool { true }

    func readPlaintext(appendingTo buffer: inout [UInt8]) throws -> Bool {
        buffer.append(contentsOf: input)
        input.removeAll(keepingCapacity: true)
        return !ended
    }

    func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws {
        output.append(contentsOf: bytes)
    }

    var pendingOutputCount: Int { output.count - outputStart }

    func withPendingOutput(_ send: (UnsafeRawBufferPointer) throws -> Int) rethrows -> Int {
        let sent = try output.withUnsafeBytes { try send(UnsafeRawBufferPointer(rebasing: $0[outputStart...])) }
        outputStart += sent
        if outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
        }
        return sent
    }

    func beginShutdown() {}
}
