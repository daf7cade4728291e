import HeraldProtos
import HeraldRPC
import HeraldWire
import Synchronization

/// An in-process channel answering calls with handlers the test sets per method, and recording
/// every request. Methods without a handler answer UNIMPLEMENTED.
final class FakeChannel: RPCChannel {
    private struct Handler: Sendable {
        var answer: @Sendable (any ProtoMessage) throws(RPCError) -> any ProtoMessage
    }

    private let handlers = Mutex<[String: Handler]>([:])
    private let recorded = Mutex<[(method: String, request: any ProtoMessage, options: CallOptions)]>([])

    /// Answers `method` with `handler`.
    func on<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        _ handler: @escaping @Sendable (Request) throws(RPCError) -> Response
    ) {
        let handler = Handler { (request) throws(RPCError) in try handler(request as! Request) }
        handlers.withLock { $0[method.info.path] = handler }
    }

    /// The requests sent so far for `method`, oldest first.
    func requests<Request, Response>(_ method: RPCMethod<Request, Response>) -> [Request] {
        recorded.withLock { $0.filter { $0.method == method.info.path }.map { $0.request as! Request } }
    }

    /// The call options sent so far for `method`, oldest first.
    func options<Request, Response>(_ method: RPCMethod<Request, Response>) -> [CallOptions] {
        recorded.withLock { $0.filter { $0.method == method.info.path }.map(\.options) }
    }

    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        options: CallOptions
    ) async throws(RPCError) -> Response {
        recorded.withLock { $0.append((method.info.path, request, options)) }
        guard let handler = handlers.withLock({ $0[method.info.path] }) else {
            throw RPCError(code: .unimplemented, message: "\(method.info.path) is not implemented")
        }
        return try handler.answer(request) as! Response
    }
}
