public import HeraldProtos

/// A role a caller holds for some tenants, granted in the access policy file.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Everything in its tenants.
    case admin
    /// Reads; writes contacts, groups and rules; starts verifications.
    case editor
    /// Reads only.
    case viewer
    /// Resolves events into delivery plans (the alerting engine), and reads.
    case router

    /// Whether the role may call an RPC of this access level.
    public func allows(_ access: Access) -> Bool {
        switch access {
        case .public: true
        case .read, .verify: true
        case .write: self == .admin || self == .editor
        case .admin: self == .admin
        case .resolve: self == .admin || self == .router
        case .unspecified, .unrecognized: false
        }
    }
}
