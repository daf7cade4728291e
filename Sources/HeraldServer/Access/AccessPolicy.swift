public import HeraldProtos

/// Who may do what: identities (from client certificates) mapped to roles in tenants.
///
/// Loaded from a JSON file (see docs/ACCESS.md):
///
/// ```json
/// { "grants": [
///     { "identity": "spiffe://herald.local/admin", "role": "admin", "tenants": ["*"] },
///     { "identity": "spiffe://mesh.local/ns/ops/sa/*", "role": "viewer", "tenants": ["acme"] } ] }
/// ```
public struct AccessPolicy: Sendable, Hashable {
    /// One grant: identities matching `identity` hold `role` in `tenants`.
    public struct Grant: Sendable, Hashable {
        /// An exact identity, or a prefix ending in `*` (`spiffe://mesh.local/ns/ops/*`).
        public var identity: String
        public var role: Role
        /// Tenant names; `*` means every tenant.
        public var tenants: Set<String>

        public init(identity: String, role: Role, tenants: Set<String>) {
            self.identity = identity
            self.role = role
            self.tenants = tenants
        }

        func matches(identity caller: String) -> Bool {
            if identity.hasSuffix("*") { return caller.hasPrefix(identity.dropLast()) }
            return caller == identity
        }

        func covers(tenant: String) -> Bool {
            tenants.contains("*") || tenants.contains(tenant)
        }
    }

    /// The outcome of a check.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// No usable identity: UNAUTHENTICATED.
        case unauthenticated(String)
        /// Known caller without the role or tenant: PERMISSION_DENIED.
        case denied(String)
    }

    public var grants: [Grant]

    public init(grants: [Grant]) {
        self.grants = grants
    }

    /// Decides whether `identity` may call an RPC of level `access` on `tenant`.
    public func decide(identity: String?, tenant: String, access: Access) -> Decision {
        guard let identity, !identity.isEmpty else {
            return .unauthenticated("no client identity: present a client certificate")
        }
        if access == .public { return .allowed }
        let held = grants.filter { $0.matches(identity: identity) }
        guard !held.isEmpty else {
            return .denied("identity \(identity) has no grants in the access policy")
        }
        let inTenant = held.filter { $0.covers(tenant: tenant) }
        guard !inTenant.isEmpty else {
            return .denied("identity \(identity) has no grant for tenant \(tenant)")
        }
        if inTenant.contains(where: { $0.role.allows(access) }) { return .allowed }
        let roles = Set(inTenant.map(\.role.rawValue)).sorted().joined(separator: ", ")
        return .denied(
            "identity \(identity) holds \(roles) in tenant \(tenant); this method needs \(access.requirement)"
        )
    }
}

extension Access {
    /// Which roles an access level needs, for error messages.
    var requirement: String {
        let roles = Role.allCases.filter { $0.allows(self) }.map(\.rawValue)
        return roles.isEmpty ? "a role no one holds" : roles.joined(separator: " or ")
    }
}
