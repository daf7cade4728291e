/// The fixed 16-byte header in front of every frame's payload.
///
/// ```
/// offset 0   length    u32 big-endian: payload bytes after this header
/// offset 4   type      u8  (FrameType)
/// offset 5   flags     u8  (none defined yet; send 0, ignore on receipt)
/// offset 6   reserved  u16 (send 0, ignore on receipt)
/// offset 8   call id   u64 big-endian: 0 for connection frames, else the call's id
/// ```
public struct FrameHeader: Hashable, Sendable {
    /// Size of the encoded header.
    public static let size = 16

    public var payloadLength: UInt32
    public var type: FrameType
    public var flags: UInt8
    public var callID: UInt64

    public init(payloadLength: UInt32, type: FrameType, flags: UInt8 = 0, callID: UInt64) {
        self.payloadLength = payloadLength
        self.type = type
        self.flags = flags
        self.callID = callID
    }

    /// Reads a header from the first 16 bytes of `bytes`.
    init(decoding bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count >= Self.size)
        payloadLength = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        type = FrameType(rawValue: bytes[4])
        flags = bytes[5]
        callID = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    /// Appends the 16 encoded bytes to `buffer`.
    func encode(into buffer: inout [UInt8]) {
        appendBigEndian(payloadLength, to: &buffer)
        buffer.append(type.rawValue)
        buffer.append(flags)
        buffer.append(0)
        buffer.append(0)
        appendBigEndian(callID, to: &buffer)
    }
}

/// Appends an integer's big-endian bytes.
func appendBigEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
}

/// Overwrites 4 bytes at `offset` with a big-endian `UInt32`.
func storeBigEndian(_ value: UInt32, at offset: Int, in buffer: inout [UInt8]) {
    buffer.withUnsafeMutableBytes { $0.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self) }
}
