import HeraldProtos

/// Who may call an RPC of each access level, as docs/ACCESS.md states it. Written out here
/// rather than taken from the server's `Role`, so the tests hold the server to the document.
enum DocumentedAccess {
    /// The roles of the access policy.
    static let roles = ["admin", "editor", "viewer", "router"]

    /// Whether `role`, granted in the call's tenant, may call an RPC of level `access`.
    static func allows(_ role: String, _ access: Access) -> Bool {
        switch access {
        case .public, .read, .verify: true
        case .write: role == "admin" || role == "editor"
        case .resolve: role == "admin" || role == "router"
        case .admin: role == "admin"
        case .unspecified, .unrecognized: false
        }
    }
}
