import GRPCCore
import GRPCNIOTransportHTTP2
import HeraldBenchSupport

/// Makes echo calls on one grpc client, which keeps one HTTP/2 connection.
struct EchoClient: Sendable {
    /// The client; its `runConnections()` must be running while calls are made.
    let client: GRPCClient<HTTP2ClientTransport.Posix>

    /// The request sent on every call.
    let payload: [UInt8]

    /// Makes one call and checks that the same number of bytes came back.
    ///
    /// - Throws: The call's `RPCError`, or ``BenchmarkError`` if the echo is the wrong size.
    func echo() async throws {
        let expected = self.payload.count
        try await self.client.unary(
            request: ClientRequest(message: self.payload),
            descriptor: EchoMethod.descriptor,
            serializer: RawBytesSerializer(),
            deserializer: RawBytesDeserializer(),
            options: .defaults
        ) { response in
            let count = try response.message.count
            guard count == expected else {
                throw BenchmarkError("echo returned \(count) bytes, expected \(expected)")
            }
        }
    }

    /// A payload of `count` bytes in a fixed, non-repeating-looking pattern.
    static func payload(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }
}
