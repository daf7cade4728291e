import HeraldProtos
import HeraldRPC
import HeraldWire

extension RPCChannel {
    /// Calls the RPC `method` with a request known only as `any ProtoMessage`, which must be
    /// of the method's request type; the response is dropped.
    ///
    /// - Throws: the server's ``RPCError``; INTERNAL when the request is of another type.
    func call(_ method: MethodInfo, _ request: any ProtoMessage, tenant: String) async throws(RPCError) {
        try await call(method, request, responseType: method.responseType, tenant: tenant)
    }

    private func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ info: MethodInfo,
        _ request: Request,
        responseType: Response.Type,
        tenant: String
    ) async throws(RPCError) {
        guard ObjectIdentifier(info.requestType) == ObjectIdentifier(Request.self) else {
            throw RPCError(code: .internal, message: "\(info) takes \(info.requestType), not \(Request.self)")
        }
        let method = RPCMethod<Request, Response>(
            service: info.service,
            name: info.name,
            access: info.access,
            idempotency: info.idempotency
        )
        _ = try await call(method, request, options: CallOptions(tenant: tenant))
    }
}
