/// One received frame: its header and payload.
///
/// The payload is a slice of the decoder's buffer; process it before handing the decoder more
/// bytes, or copy it.
public struct Frame: Sendable {
    public var header: FrameHeader
    public var payload: ArraySlice<UInt8>

    public init(header: FrameHeader, payload: ArraySlice<UInt8>) {
        self.header = header
        self.payload = payload
    }

    public var type: FrameType { header.type }
    public var callID: UInt64 { header.callID }
}
