public import HeraldProtos

/// Appends encoded frames to an output buffer, writing messages in place (no intermediate
/// copies): the header is reserved first and its length filled in afterwards.
public enum FrameEncoder {
    /// Appends the connection preface.
    public static func appendPreface(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: ConnectionPreface.bytes)
    }

    /// Appends a frame whose payload is `payload`.
    public static func appendFrame(
        _ type: FrameType,
        callID: UInt64,
        payload: some Collection<UInt8>,
        to buffer: inout [UInt8]
    ) {
        FrameHeader(payloadLength: UInt32(payload.count), type: type, callID: callID).encode(into: &buffer)
        buffer.append(contentsOf: payload)
    }

    /// Appends a frame whose payload is one message (settings, goaway, cancel).
    public static func appendFrame(
        _ type: FrameType,
        callID: UInt64,
        message: some ProtoMessage,
        to buffer: inout [UInt8]
    ) throws(ProtoEncodingError) {
        try appendFrame(type, callID: callID, to: &buffer) { buffer throws(ProtoEncodingError) in
            try message.serialize(into: &buffer)
        }
    }

    /// Appends a call frame, `[u32 header length][RequestHeader][request]`, whose request
    /// message is already encoded.
    ///
    /// - Returns: the payload's length.
    @discardableResult
    public static func appendCall(
        callID: UInt64,
        header: RequestHeader,
        encodedRequest: [UInt8],
        to buffer: inout [UInt8]
    ) throws(ProtoEncodingError) -> Int {
        try appendFrame(.call, callID: callID, to: &buffer) { buffer throws(ProtoEncodingError) in
            try appendPrefixed(header, to: &buffer)
            buffer.append(contentsOf: encodedRequest)
        }
    }

    /// Appends a reply frame: `[u32 status length][Status][response]`; the response is
    /// present only when the status is OK.
    public static func appendReply(
        callID: UInt64,
        status: Status,
        response: (any ProtoMessage)?,
        to buffer: inout [UInt8]
    ) throws(ProtoEncodingError) {
        try appendFrame(.reply, callID: callID, to: &buffer) { buffer throws(ProtoEncodingError) in
            try appendPrefixed(status, to: &buffer)
            if let response { try response.serialize(into: &buffer) }
        }
    }

    /// Appends a frame whose payload `body` appends, then fills in the length.
    ///
    /// - Returns: the payload's length.
    @discardableResult
    public static func appendFrame<E: Error>(
        _ type: FrameType,
        callID: UInt64,
        to buffer: inout [UInt8],
        payload body: (inout [UInt8]) throws(E) -> Void
    ) throws(E) -> Int {
        let start = buffer.count
        FrameHeader(payloadLength: 0, type: type, callID: callID).encode(into: &buffer)
        do {
            try body(&buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        let length = buffer.count - start - FrameHeader.size
        storeBigEndian(UInt32(length), at: start, in: &buffer)
        return length
    }

    private static func appendPrefixed(
        _ message: some ProtoMessage,
        to buffer: inout [UInt8]
    ) throws(ProtoEncodingError) {
        let start = buffer.count
        appendBigEndian(UInt32(0), to: &buffer)
        try message.serialize(into: &buffer)
        storeBigEndian(UInt32(buffer.count - start - 4), at: start, in: &buffer)
    }
}
