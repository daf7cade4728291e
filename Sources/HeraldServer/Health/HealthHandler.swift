import Foundation
public import HeraldProtos
import HeraldRPC
import HeraldWire
import Synchronization

/// Reports the health of one component (a service, a store table) for `HealthService/Check`.
public typealias HealthProbe = @Sendable () async -> ComponentHealth

/// The built-in `HealthService`: serving status, version, uptime, components; and `Echo`.
final class HealthHandler: HealthServiceHandler {
    private let probes: [HealthProbe]
    private let serverReference = Mutex<RPCServerReference>(RPCServerReference())
    static let maxEchoPayload = 1 << 20
    static let maxEchoDelayMilliseconds: UInt32 = 10_000

    init(probes: [HealthProbe]) {
        self.probes = probes
    }

    /// The server, set once after it is created (the handler is created first).
    var server: RPCServer? {
        get { serverReference.withLock { $0.server } }
        set { serverReference.withLock { $0.server = newValue } }
    }

    func check(_ request: HealthCheckRequest, context: ServerContext) async throws -> HealthCheckResponse {
        var components: [ComponentHealth] = []
        for probe in probes {
            let component = await probe()
            if request.service.isEmpty || component.name == request.service || component.name.hasPrefix(request.service)
            {
                components.append(component)
            }
        }
        if !request.service.isEmpty && components.isEmpty
            && !HeraldAPI.services.contains(where: { $0.name == request.service })
        {
            throw RPCError(code: .notFound, message: "unknown service \(request.service)")
        }
        let draining = server?.isDraining ?? false
        let healthy = components.allSatisfy { $0.status == .serving }
        return HealthCheckResponse(
            status: draining ? .draining : (healthy ? .serving : .notServing),
            serverVersion: server?.version ?? "",
            uptimeMs: server?.uptime.wholeMilliseconds ?? 0,
            serverTimeUnixMs: Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down)),
            protocolVersion: UInt32(ConnectionPreface.version),
            components: components
        )
    }

    func echo(_ request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
        guard request.payload.count <= Self.maxEchoPayload else {
            throw RPCError.invalidArgument(field: "payload", "at most \(Self.maxEchoPayload) bytes")
        }
        guard request.delayMs <= Self.maxEchoDelayMilliseconds else {
            throw RPCError.invalidArgument(field: "delay_ms", "at most \(Self.maxEchoDelayMilliseconds)")
        }
        if request.delayMs > 0 {
            try await Task.sleep(for: .milliseconds(Int(request.delayMs)))
        }
        return EchoResponse(payload: request.payload)
    }
}

/// Holds the server weakly: the server owns the handler through its routes.
struct RPCServerReference {
    weak var server: RPCServer?
}
