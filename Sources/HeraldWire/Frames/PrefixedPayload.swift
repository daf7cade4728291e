/// The payload of a call or reply frame: `[u32 big-endian length][first message][rest]`,
/// where the first message is the `RequestHeader` (call) or `Status` (reply) and the rest is
/// the request or response message.
public struct PrefixedPayload: Sendable {
    /// The `RequestHeader` or `Status` bytes.
    public var leading: ArraySlice<UInt8>
    /// The request or response message bytes.
    public var body: ArraySlice<UInt8>

    /// Splits a payload.
    ///
    /// - Returns: nil when the length prefix is missing or points past the payload; the frame
    ///   boundaries are intact, so only this call fails.
    public init?(splitting payload: ArraySlice<UInt8>) {
        guard payload.count >= 4 else { return nil }
        let start = payload.startIndex
        let length = payload.withUnsafeBytes { UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self)) }
        guard Int(length) <= payload.count - 4 else { return nil }
        leading = payload[(start + 4)..<(start + 4 + Int(length))]
        body = payload[(start + 4 + Int(length))...]
    }
}
