/// The kind of a frame (byte 4 of the frame header).
public struct FrameType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The sender's `Settings`; the first frame each side sends after the preface. Call id 0.
    public static let settings = FrameType(rawValue: 0x01)
    /// Client → server: a `RequestHeader` and the request message.
    public static let call = FrameType(rawValue: 0x02)
    /// Server → client: a `Status` and, when it is OK, the response message.
    public static let reply = FrameType(rawValue: 0x03)
    /// Client → server: abandon a call (optionally with a `Cancel` payload).
    public static let cancel = FrameType(rawValue: 0x04)
    /// Either side: 8 opaque bytes the peer echoes in a pong. Call id 0.
    public static let ping = FrameType(rawValue: 0x05)
    /// The answer to a ping, with the same 8 bytes. Call id 0.
    public static let pong = FrameType(rawValue: 0x06)
    /// Either side: no new calls on this connection (`GoAway` payload). Call id 0.
    public static let goAway = FrameType(rawValue: 0x07)

    public var description: String {
        switch self {
        case .settings: "SETTINGS"
        case .call: "CALL"
        case .reply: "REPLY"
        case .cancel: "CANCEL"
        case .ping: "PING"
        case .pong: "PONG"
        case .goAway: "GOAWAY"
        default: "0x" + String(rawValue, radix: 16)
        }
    }
}
