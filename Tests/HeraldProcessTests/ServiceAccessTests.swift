import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldWire
import Testing

/// The role × method matrix of the contact and group services, through a real heraldd: every
/// RPC the generated code lists, called by each role on its own tenant and on a tenant it has
/// no grant for, with the outcome docs/ACCESS.md gives the RPC's declared access level.
@Suite struct ServiceAccessTests {
    /// Every RPC of the two services, from the generated descriptors: a new RPC is in the
    /// matrix without anyone editing this test.
    static let methods = ContactService.info.methods + GroupService.info.methods

    @Test func everyMethodHasAValidRequest() {
        let built = Set(MatrixRequests.builders.keys.map(\.path))
        let listed = Set(Self.methods.map(\.path))
        #expect(listed.subtracting(built).isEmpty, "RPCs without a request in MatrixRequests")
        #expect(built.subtracting(listed).isEmpty, "requests for RPCs the services do not have")
    }

    @Test func roleMatrixThroughARealServer() async throws {
        let certificates = try await TestCertificates.shared()
        var identities: [String: TestCertificates.Identity] = [:]
        var grants: [String] = []
        for role in DocumentedAccess.roles {
            let uri = "spiffe://herald.test/ns/tests/sa/\(role)"
            identities[role] = try certificates.issueClient(name: "matrix-\(role)", uri: uri)
            grants.append(#"{"identity": "\#(uri)", "role": "\#(role)", "tenants": ["acme"]}"#)
        }
        let (heraldd, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: #"{"grants": [\#(grants.joined(separator: ", "))]}"#
        )
        var channels: [String: HeraldChannel] = [:]
        for role in DocumentedAccess.roles {
            channels[role] = try TestChannel.make(address, certificates, identity: identities[role])
        }
        let admin = try #require(channels["admin"])
        let requests = MatrixRequests(admin: admin)
        for method in Self.methods {
            for role in DocumentedAccess.roles {
                try await Self.check(method, role: role, channel: try #require(channels[role]), requests: requests)
            }
        }
        for channel in channels.values { await channel.close() }
        #expect(await heraldd.stop() == 0)
    }

    /// One cell of the matrix: `role` calls `method` on its tenant (allowed → OK, denied →
    /// PERMISSION_DENIED naming the role and nothing changed), then on a tenant it has no
    /// grant for (always PERMISSION_DENIED).
    private static func check(
        _ method: MethodInfo,
        role: String,
        channel: HeraldChannel,
        requests: MatrixRequests
    ) async throws {
        let cell = "\(role) \(method.name) (\(method.access))"
        let request = try #require(try await requests.request(for: method), "\(cell): no request in MatrixRequests")
        let allowed = DocumentedAccess.allows(role, method.access)
        let before = allowed ? nil : try await TenantSnapshot(requests.admin, tenant: "acme")
        let own = await error { try await channel.call(method, request, tenant: "acme") }
        if allowed {
            #expect(own == nil, "\(cell): \(own.map(String.init(describing:)) ?? "")")
        } else {
            #expect(own?.code == .permissionDenied, "\(cell): \(own.map(String.init(describing:)) ?? "OK")")
            #expect(own?.message.contains("holds \(role) in tenant acme") == true, "\(cell): \(own?.message ?? "")")
            let after = try await TenantSnapshot(requests.admin, tenant: "acme")
            #expect(before == after, "\(cell) was denied but changed the tenant")
        }
        let foreign = await error { try await channel.call(method, request, tenant: "globex") }
        #expect(
            foreign?.code == .permissionDenied,
            "\(cell) on globex: \(foreign.map(String.init(describing:)) ?? "OK")"
        )
        #expect(foreign?.message.contains("no grant for tenant globex") == true, "\(cell) on globex")
    }

    /// The error `body` threw, nil when it succeeded.
    private static func error(_ body: () async throws -> Void) async -> RPCError? {
        do {
            try await body()
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return RPCError(code: .unknown, message: "\(error)")
        }
    }
}
