internal import CHeraldProtos
internal import CProtobufC

/// A generated message that knows its protoc-c C struct: how to copy out of an unpacked one and
/// how to fill one for packing. Only generated code conforms; no C type leaves this module.
protocol CBridgedMessage: ProtoMessage {
    /// The struct protoc-c generated for the message.
    associatedtype CMessage

    /// The message's protobuf-c descriptor (taken from an initialized C struct once).
    static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { get }

    /// Copies every field out of an unpacked C message.
    init(cMessage: UnsafePointer<CMessage>)

    /// Fills an initialized C message; everything it points to is allocated in `arena`.
    func fill(_ c: UnsafeMutablePointer<CMessage>, arena: CArena) throws(ProtoEncodingError)
}
