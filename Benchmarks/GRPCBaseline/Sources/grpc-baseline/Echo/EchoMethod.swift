import GRPCCore

/// The one method the baseline serves: unary `herald.bench.Echo/Echo`, whose request and response
/// are the same raw bytes (no protobuf), so only the transport is measured.
enum EchoMethod {
    /// The method's descriptor.
    static let descriptor = MethodDescriptor(
        fullyQualifiedService: "herald.bench.Echo",
        method: "Echo",
        type: .unary
    )
}
