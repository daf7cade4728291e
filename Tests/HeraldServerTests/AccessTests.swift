import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldServer
import HeraldTLS
import HeraldTestSupport
import HeraldWire
import Testing

/// Access control through real calls: roles × access levels, tenants, unknown identities,
/// tenant names and wildcard grants.
@Suite struct AccessTests {
    /// One method of each access level, called through the typed clients.
    enum Level: String, CaseIterable, CustomTestStringConvertible {
        case read
        case write
        case admin
        case resolve
        case verify
        case `public`

        /// The roles that may call a method of this level (docs: `herald.v1.Access`).
        var allowedRoles: Set<Role> {
            switch self {
            case .read, .verify, .public: [.admin, .editor, .viewer, .router]
            case .write: [.admin, .editor]
            case .admin: [.admin]
            case .resolve: [.admin, .router]
            }
        }

        /// Makes the call; nil when it succeeded, else the status code.
        func call(_ channel: HeraldChannel, tenant: String? = nil) async -> StatusCode? {
            let options = CallOptions(tenant: tenant)
            do {
                switch self {
                case .read: _ = try await channel.contacts.getContact(GetContactRequest(id: "c1"), options: options)
                case .write: _ = try await channel.contacts.createContact(CreateContactRequest(), options: options)
                case .admin:
                    _ = try await channel.contacts.updateTenantSettings(UpdateTenantSettingsRequest(), options: options)
                case .resolve: _ = try await channel.rules.resolve(ResolveRequest(), options: options)
                case .verify:
                    _ = try await channel.verification.confirmVerification(
                        ConfirmVerificationRequest(),
                        options: options
                    )
                case .public: _ = try await channel.health.check(HealthCheckRequest(), options: options)
                }
                return nil
            } catch {
                return error.code
            }
        }

        var testDescription: String { rawValue.uppercased() }
    }

    /// Stub handlers for every level's method (HealthService is built in).
    static let routes = [
        ServerRoute(ContactService.getContact) { _, _ in GetContactResponse() },
        ServerRoute(ContactService.createContact) { _, _ in CreateContactResponse() },
        ServerRoute(ContactService.updateTenantSettings) { _, _ in UpdateTenantSettingsResponse() },
        ServerRoute(RuleService.resolve) { _, _ in ResolveResponse() },
        ServerRoute(VerificationService.confirmVerification) { _, _ in ConfirmVerificationResponse() },
    ]

    static func identity(of role: Role) -> String { "spiffe://herald.test/ns/access/sa/\(role.rawValue)" }

    static func certificate(of role: Role) throws -> TestCertificates.Identity {
        try TestCertificates.shared().issueClient(name: "access-\(role.rawValue)", uri: identity(of: role))
    }

    @Test(arguments: Role.allCases, Level.allCases)
    func roleMayCallTheLevelsItHolds(_ role: Role, _ level: Level) async throws {
        let policy = AccessPolicy(
            grants: Role.allCases.map { .init(identity: Self.identity(of: $0), role: $0, tenants: ["acme"]) }
        )
        let server = try TestServer.start(routes: Self.routes, policy: policy)
        let channel = try server.channel(presenting: try Self.certificate(of: role))
        let outcome = await level.call(channel)
        if level.allowedRoles.contains(role) {
            #expect(outcome == nil, "\(role) should be allowed \(level)")
        } else {
            #expect(outcome == .permissionDenied, "\(role) should be denied \(level)")
        }
        await channel.close()
        await server.stop()
    }

    @Test func tenantWithoutAGrantIsDenied() async throws {
        let policy = AccessPolicy(grants: [
            .init(identity: TestCertificates.uriClientIdentity, role: .admin, tenants: ["acme"]),
            .init(identity: TestCertificates.uriClientIdentity, role: .viewer, tenants: ["globex"]),
        ])
        let server = try TestServer.start(routes: Self.routes, policy: policy)
        let channel = try server.channel()
        #expect(await Level.read.call(channel, tenant: "initech") == .permissionDenied)
        #expect(await Level.verify.call(channel, tenant: "initech") == .permissionDenied)
        // Roles are per tenant: admin in acme, only viewer in globex.
        #expect(await Level.admin.call(channel, tenant: "acme") == nil)
        #expect(await Level.admin.call(channel, tenant: "globex") == .permissionDenied)
        #expect(await Level.read.call(channel, tenant: "globex") == nil)
        // Public methods ignore the tenant.
        #expect(await Level.public.call(channel, tenant: "initech") == nil)
        await channel.close()
        await server.stop()
    }

    @Test func identityAbsentFromThePolicyIsDenied() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let channel = try server.channel(presenting: server.certificates.dnsClient)
        for level in Level.allCases where level != .public {
            #expect(await level.call(channel) == .permissionDenied, "\(level)")
        }
        #expect(await Level.public.call(channel) == nil, "an authenticated stranger may check health")
        await channel.close()
        await server.stop()
    }

    @Test func callerWithoutACertificateIsUnauthenticated() async throws {
        let server = try TestServer.start(routes: Self.routes) { configuration in
            configuration.tls = try! TestCertificates.shared().serverConfiguration(clientAuthentication: .optional)
        }
        let channel = try server.channel { configuration in
            configuration.tls = try! TestCertificates.shared().clientConfiguration(presenting: nil)
        }
        for level in Level.allCases {
            #expect(await level.call(channel) == .unauthenticated, "\(level)")
        }
        await channel.close()
        await server.stop()
    }

    @Test(arguments: ["", "has space", "slash/name", String(repeating: "t", count: 65), "ünïcode", "tab\there", "a:b"])
    func malformedTenantIsInvalidArgument(_ tenant: String) async throws {
        let probe = CallProbe()
        let server = try TestServer.start(routes: [TestRoutes.getContact(probe)])
        let channel = try server.channel()
        do {
            _ = try await channel.contacts.getContact(GetContactRequest(id: "c1"), options: CallOptions(tenant: tenant))
            Issue.record("tenant \(tenant.debugDescription) was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.fieldViolations.map(\.field) == ["header.tenant"])
        }
        #expect(probe.state.started.isEmpty)
        await channel.close()
        await server.stop()
    }

    @Test(arguments: ["a", "acme", "Acme-2.prod_eu", String(repeating: "t", count: 64)])
    func validTenantNamesAreAccepted(_ tenant: String) async throws {
        let probe = CallProbe()
        let policy = AccessPolicy(grants: [
            .init(identity: TestCertificates.uriClientIdentity, role: .viewer, tenants: ["*"])
        ])
        let server = try TestServer.start(routes: [TestRoutes.getContact(probe)], policy: policy)
        let channel = try server.channel()
        _ = try await channel.contacts.getContact(GetContactRequest(id: "c1"), options: CallOptions(tenant: tenant))
        #expect(probe.state.contexts["c1"]?.tenant == tenant)
        await channel.close()
        await server.stop()
    }

    /// Grants whose identity or tenants are patterns, and whether the URI client may read
    /// tenant `acme` under them.
    @Test(arguments: [
        (AccessPolicy.Grant(identity: "spiffe://herald.test/ns/tests/*", role: .viewer, tenants: ["acme"]), true),
        (AccessPolicy.Grant(identity: "spiffe://herald.test/*", role: .viewer, tenants: ["*"]), true),
        (AccessPolicy.Grant(identity: "*", role: .viewer, tenants: ["acme"]), true),
        (AccessPolicy.Grant(identity: TestCertificates.uriClientIdentity, role: .viewer, tenants: ["*"]), true),
        (AccessPolicy.Grant(identity: "spiffe://herald.test/ns/other/*", role: .viewer, tenants: ["*"]), false),
        (AccessPolicy.Grant(identity: "spiffe://herald.test/ns/tests/", role: .viewer, tenants: ["*"]), false),
        (AccessPolicy.Grant(identity: "spiffe://herald.test/ns/tests/*", role: .viewer, tenants: ["globex"]), false),
    ])
    func wildcardGrants(_ grant: AccessPolicy.Grant, _ allowed: Bool) async throws {
        let server = try TestServer.start(routes: Self.routes, policy: AccessPolicy(grants: [grant]))
        let channel = try server.channel()
        #expect(await Level.read.call(channel, tenant: "acme") == (allowed ? nil : .permissionDenied))
        await channel.close()
        await server.stop()
    }
}
