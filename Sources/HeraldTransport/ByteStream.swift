public import Dispatch
public import HeraldTLS
public import HeraldWire

/// What a ``ByteStream`` reports to its owner. Every call happens on the stream's queue.
public protocol ByteStreamDelegate: AnyObject {
    /// The handshake finished; application data can flow.
    func streamEstablished(_ stream: ByteStream)
    /// Plaintext may be available: call ``ByteStream/readPlaintext(into:)``.
    func streamReadable(_ stream: ByteStream)
    /// Output that had to wait for the socket is now all written.
    func streamOutputDrained(_ stream: ByteStream)
    /// The stream is closed and its socket released; `error` says why when it was not a
    /// clean close.
    func streamClosed(_ stream: ByteStream, error: (any Error)?)
}

/// A byte stream over a non-blocking socket, secured by TLS (or, for a loopback sidecar
/// listener, nothing), driven by Dispatch read and write sources on one serial queue.
///
/// The owner appends plaintext to ``outbound`` and calls ``flush()``; received plaintext is
/// handed to a ``FrameDecoder``. All methods must be called on ``queue``.
public final class ByteStream: @unchecked Sendable {
    // @unchecked: every mutable member is touched only on `queue` (the sources' handlers run
    // there, and callers must use it too).

    private enum State {
        case connecting
        case handshaking
        case established
        case closing
        case closed
    }

    private enum SourceState {
        case inactive
        case running
        case suspended
    }

    /// The serial queue the stream lives on.
    public let queue: DispatchQueue
    public weak var delegate: (any ByteStreamDelegate)?
    /// Plaintext waiting to be sent; ``flush()`` encrypts and writes it.
    public var outbound: [UInt8] = []

    private let socket: Socket
    private let security: any StreamSecurity
    private var state: State
    private var readSource: (any DispatchSourceRead)?
    private var writeSource: (any DispatchSourceWrite)?
    private var readState = SourceState.inactive
    private var writeState = SourceState.inactive
    private var liveSources = 0
    private var outputBlocked = false
    private var flushScheduled = false
    private var reachedEndOfStream = false
    private var closeError: (any Error)?
    private let scratch: UnsafeMutableRawBufferPointer
    private static let scratchSize = 32 * 1024

    init(socket: Socket, security: any StreamSecurity, queue: DispatchQueue, connecting: Bool) {
        self.socket = socket
        self.security = security
        self.queue = queue
        self.state = connecting ? .connecting : .handshaking
        self.scratch = .allocate(byteCount: Self.scratchSize, alignment: 16)
    }

    deinit {
        scratch.deallocate()
    }

    /// The authenticated peer, once established.
    public var peerIdentity: TLSPeerIdentity? { security.peerIdentity }

    /// True once the stream has closed.
    public var isClosed: Bool { state == .closed }

    /// Plaintext and ciphertext not yet written to the socket.
    public var pendingOutputCount: Int { outbound.count + security.pendingOutputCount }

    /// Starts watching the socket (and, for a client, sends the first handshake flight).
    func start(initiatesHandshake: Bool) {
        let descriptor = socket.descriptor
        let read = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        let write = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
        read.setEventHandler { [self] in handleReadable() }
        write.setEventHandler { [self] in handleWritable() }
        read.setCancelHandler { [self] in sourceCancelled() }
        write.setCancelHandler { [self] in sourceCancelled() }
        readSource = read
        writeSource = write
        liveSources = 2
        // The read source watches the socket from the start, also while connecting: libdispatch
        // reports a hangup (EPOLLHUP) once, to the sources registered at that moment, and then
        // drops the descriptor from epoll, so a source registered later never fires. A peer that
        // resets the connection right after accepting it would leave the stream hanging.
        read.activate()
        readState = .running
        if state == .connecting {
            armWriteSource()
            return
        }
        if initiatesHandshake { advance() }
    }

    // MARK: Reading

    /// Moves decrypted plaintext into `decoder`.
    ///
    /// - Returns: false once the peer has closed its side cleanly.
    /// - Throws: TLS errors (corrupt records, truncation).
    public func readPlaintext(into decoder: inout FrameDecoder) throws -> Bool {
        try decoder.receive { buffer in try security.readPlaintext(appendingTo: &buffer) }
    }

    /// Stops reading from the socket (back-pressure); ``resumeReading()`` undoes it.
    public func pauseReading() {
        guard readState == .running else { return }
        readSource?.suspend()
        readState = .suspended
    }

    /// Reads from the socket again after ``pauseReading()``.
    public func resumeReading() {
        guard readState == .suspended, state != .closed else { return }
        readSource?.resume()
        readState = .running
    }

    private func handleReadable() {
        if state == .connecting {
            // A failed connect or an immediate hangup can show as readable before (or instead
            // of) writable; after a hangup this is the read source's last event.
            finishConnecting()
        }
        guard state == .handshaking || state == .established || state == .closing else { return }
        do {
            reads: for _ in 0..<16 {
                switch try Posix.read(socket.descriptor, into: scratch) {
                case .wouldBlock:
                    break reads
                case .done(0):
                    reachedEndOfStream = true
                    security.feedEndOfStream()
                    pauseReading()
                    break reads
                case .done(let count):
                    security.feed(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                    if count < scratch.count { break reads }
                }
            }
        } catch {
            fail(error)
            return
        }
        advance()
        if reachedEndOfStream && state != .closed {
            // The owner has read what remained; nothing more can arrive.
            abort(error: state == .closing ? nil : ByteStreamError.peerClosed)
        }
    }

    /// Moves the handshake forward and tells the owner about data.
    private func advance() {
        do {
            if state == .handshaking {
                let established = try security.advanceHandshake()
                writePending()
                guard established, state == .handshaking else { return }
                state = .established
                delegate?.streamEstablished(self)
            }
            if state == .established || state == .closing {
                delegate?.streamReadable(self)
            }
        } catch {
            fail(error)
        }
    }

    // MARK: Writing

    /// Encrypts ``outbound`` and writes as much as the socket takes; the rest is written when
    /// the socket becomes writable.
    public func flush() {
        flushScheduled = false
        guard state == .established || state == .closing else { return }
        if !outbound.isEmpty {
            do {
                try outbound.withUnsafeBytes { try security.writePlaintext($0) }
            } catch {
                fail(error)
                return
            }
            if outbound.capacity > 1 << 20 {
                outbound = []
            } else {
                outbound.removeAll(keepingCapacity: true)
            }
        }
        writePending()
    }

    /// Flushes once the queue has run what is already on it, so that output appended meanwhile
    /// (replies or calls finishing together) shares one TLS record and one system call. Calls
    /// before then add nothing; a ``flush()`` before then does the work, and this does none.
    ///
    /// - Parameter afterFlush: Runs right after the deferred flush (the first call's, when
    ///   several ask before it runs).
    public func flushSoon(then afterFlush: @escaping @Sendable () -> Void = {}) {
        guard !flushScheduled else { return }
        flushScheduled = true
        queue.async { [self] in
            guard flushScheduled else { return }
            flush()
            afterFlush()
        }
    }

    private func writePending() {
        guard state != .closed, state != .connecting else { return }
        do {
            while security.pendingOutputCount > 0 {
                var blocked = false
                let descriptor = socket.descriptor
                _ = try security.withPendingOutput { bytes throws(SystemCallError) in
                    switch try Posix.write(descriptor, bytes) {
                    case .done(let count):
                        return count
                    case .wouldBlock:
                        blocked = true
                        return 0
                    }
                }
                if blocked {
                    outputBlocked = true
                    armWriteSource()
                    return
                }
            }
        } catch {
            fail(error)
            return
        }
        disarmWriteSource()
        if state == .closing {
            Posix.shutdownWrite(socket.descriptor)
            teardown()
            return
        }
        if outputBlocked {
            outputBlocked = false
            delegate?.streamOutputDrained(self)
        }
    }

    private func handleWritable() {
        if state == .connecting {
            finishConnecting()
        } else {
            writePending()
        }
    }

    private func finishConnecting() {
        disarmWriteSource()
        do {
            let error = try Posix.socketError(socket.descriptor)
            guard error == 0 else { throw SystemCallError(call: "connect", errno: error) }
        } catch {
            fail(error)
            return
        }
        state = .handshaking
        advance()
    }

    private func armWriteSource() {
        switch writeState {
        case .inactive: writeSource?.activate()
        case .suspended: writeSource?.resume()
        case .running: return
        }
        writeState = .running
    }

    private func disarmWriteSource() {
        guard writeState == .running else { return }
        writeSource?.suspend()
        writeState = .suspended
    }

    // MARK: Closing

    /// Closes gracefully: sends what is queued and the TLS close message, then closes.
    public func close() {
        guard state == .established || state == .handshaking else {
            if state == .connecting { abort(error: nil) }
            return
        }
        if state == .handshaking {
            abort(error: nil)
            return
        }
        flush()
        guard state == .established else { return }
        state = .closing
        security.beginShutdown()
        writePending()
    }

    /// Closes at once, dropping unsent output.
    public func abort(error: (any Error)?) {
        guard state != .closed else { return }
        closeError = closeError ?? error
        teardown()
    }

    /// A failure: the handshake's alert (if any) is sent best-effort, then the stream closes.
    private func fail(_ error: any Error) {
        guard state != .closed else { return }
        closeError = error
        if security.pendingOutputCount > 0 {
            let descriptor = socket.descriptor
            _ = try? security.withPendingOutput { bytes throws(SystemCallError) in
                if case .done(let count) = try Posix.write(descriptor, bytes) { return count }
                return 0
            }
        }
        teardown()
    }

    private func teardown() {
        guard state != .closed else { return }
        state = .closed
        guard liveSources > 0 else {
            finishTeardown()
            return
        }
        for (source, sourceState) in [
            (readSource as (any DispatchSourceProtocol)?, readState), (writeSource, writeState),
        ] {
            guard let source else { continue }
            switch sourceState {
            case .inactive: source.activate()
            case .suspended: source.resume()
            case .running: break
            }
            source.cancel()
        }
        readState = .running
        writeState = .running
    }

    private func sourceCancelled() {
        liveSources -= 1
        if liveSources == 0 {
            finishTeardown()
        }
    }

    private func finishTeardown() {
        readSource = nil
        writeSource = nil
        socket.close()
        delegate?.streamClosed(self, error: closeError)
        delegate = nil
    }
}

/// Why a stream ended that the socket or TLS layer did not report.
public struct ByteStreamError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    /// The peer closed the connection.
    public static let peerClosed = ByteStreamError(description: "the peer closed the connection")
}
