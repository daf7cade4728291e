import HeraldProtos

/// Cuts a received byte stream into frames: first the peer's connection preface, then
/// 16-byte headers and their payloads. Bytes may arrive split anywhere.
///
/// A header announcing more than ``maxFrameSize`` bytes is rejected as soon as the header is
/// complete, before any of its payload is buffered, so a peer cannot make the decoder allocate
/// more than one frame's worth of memory.
public struct FrameDecoder: Sendable {
    /// The largest payload accepted (what this side advertised in its `Settings`).
    public var maxFrameSize: Int
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var prefaceBytesSeen: Int

    /// - Parameters:
    ///   - maxFrameSize: the largest payload accepted.
    ///   - expectPreface: whether the stream starts with ``ConnectionPreface/bytes``.
    public init(maxFrameSize: Int = WireLimits.defaultMaxFrameSize, expectPreface: Bool = true) {
        self.maxFrameSize = maxFrameSize
        self.prefaceBytesSeen = expectPreface ? 0 : ConnectionPreface.bytes.count
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// True once the whole preface has been received.
    public var hasReceivedPreface: Bool { prefaceBytesSeen == ConnectionPreface.bytes.count }

    /// Adds received bytes.
    public mutating func receive(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Lets `body` append received bytes straight into the decoder's buffer (e.g. a TLS
    /// session writing plaintext), avoiding a copy.
    public mutating func receive<R, E: Error>(into body: (inout [UInt8]) throws(E) -> R) throws(E) -> R {
        compact()
        return try body(&buffer)
    }

    /// The next complete frame, or nil when more bytes are needed.
    ///
    /// - Throws: ``ProtocolViolation`` for a wrong preface (``ProtocolViolation/isWrongPeer``)
    ///   or a frame larger than ``maxFrameSize``; the connection cannot continue.
    public mutating func nextFrame() throws(ProtocolViolation) -> Frame? {
        if !hasReceivedPreface {
            try consumePreface()
            if !hasReceivedPreface { return nil }
        }
        let available = buffer.count - readIndex
        guard available >= FrameHeader.size else { return nil }
        let header = buffer.withUnsafeBytes { bytes in
            FrameHeader(decoding: UnsafeRawBufferPointer(rebasing: bytes[readIndex..<readIndex + FrameHeader.size]))
        }
        let length = Int(header.payloadLength)
        guard length <= maxFrameSize else {
            throw ProtocolViolation(
                code: .resourceExhausted,
                message: "\(header.type) frame of \(length) bytes exceeds max_frame_size \(maxFrameSize)"
            )
        }
        guard available - FrameHeader.size >= length else {
            buffer.reserveCapacity(readIndex + FrameHeader.size + length)
            return nil
        }
        let start = readIndex + FrameHeader.size
        readIndex = start + length
        return Frame(header: header, payload: buffer[start..<readIndex])
    }

    private mutating func consumePreface() throws(ProtocolViolation) {
        let preface = ConnectionPreface.bytes
        while prefaceBytesSeen < preface.count, readIndex < buffer.count {
            let byte = buffer[readIndex]
            guard byte == preface[prefaceBytesSeen] else {
                let isVersionByte = prefaceBytesSeen == preface.count - 1
                throw ProtocolViolation(
                    code: .failedPrecondition,
                    message: isVersionByte
                        ? "unsupported protocol version \(byte); this peer speaks \(ConnectionPreface.version)"
                        : "not a Herald peer: wrong connection preface",
                    isWrongPeer: !isVersionByte
                )
            }
            prefaceBytesSeen += 1
            readIndex += 1
        }
    }

    /// Drops consumed bytes so the buffer holds at most one partial frame plus new input.
    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 0 && (readIndex >= 64 * 1024 || readIndex >= buffer.count / 2) {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
