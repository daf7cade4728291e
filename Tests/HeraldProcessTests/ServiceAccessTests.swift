import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// The role × method matrix of the contact and group services, through a real heraldd: each
/// role's certificate calls each RPC on its own tenant, and a tenant it has no grant for.
@Suite struct ServiceAccessTests {
    enum Expected { case allowed, denied }

    /// Who may call what, as the product defines it (docs/ACCESS.md).
    static let matrix: [(method: String, admin: Expected, editor: Expected, viewer: Expected, router: Expected)] = [
        ("ContactService/ListContacts", .allowed, .allowed, .allowed, .allowed),
        ("ContactService/SearchContacts", .allowed, .allowed, .allowed, .allowed),
        ("ContactService/GetTenantSettings", .allowed, .allowed, .allowed, .allowed),
        ("ContactService/CreateContact", .allowed, .allowed, .denied, .denied),
        ("ContactService/BatchDeleteContacts", .allowed, .allowed, .denied, .denied),
        ("ContactService/UpdateTenantSettings", .allowed, .denied, .denied, .denied),
        ("ContactService/DisableContactMethod", .allowed, .denied, .denied, .denied),
        ("GroupService/ListGroups", .allowed, .allowed, .allowed, .allowed),
        ("GroupService/CreateGroup", .allowed, .allowed, .denied, .denied),
    ]

    private static func requestJSON(_ method: String, suffix: String) -> String {
        switch method.split(separator: "/").last.map(String.init) ?? method {
        case "SearchContacts": #"{"query": "a"}"#
        case "CreateContact": #"{"contact": {"name": "C \#(suffix)", "email": "c\#(suffix)@example.com"}}"#
        case "BatchDeleteContacts": #"{"ids": ["ct_unknown"]}"#
        case "UpdateTenantSettings": #"{"settings": {"site": "CHINA"}, "updateMask": ["site"]}"#
        case "DisableContactMethod": #"{"contactId": "ct_unknown", "method": "EMAIL", "reason": "x"}"#
        case "CreateGroup": #"{"group": {"name": "G \#(suffix)"}}"#
        default: "{}"
        }
    }

    @Test func roleMatrixThroughARealServer() async throws {
        let certificates = try TestCertificates.shared()
        let roles = ["admin", "editor", "viewer", "router"]
        var identities: [String: TestCertificates.Identity] = [:]
        var grants: [String] = []
        for role in roles {
            let uri = "spiffe://herald.test/ns/tests/sa/\(role)"
            identities[role] = try certificates.issueClient(name: "matrix-\(role)", uri: uri)
            grants.append(#"{"identity": "\#(uri)", "role": "\#(role)", "tenants": ["acme"]}"#)
        }
        let policy = #"{"grants": [\#(grants.joined(separator: ", "))]}"#
        let (heraldd, address) = try await HeraldProcess.start(certificates: certificates, policy: policy)

        for (roleIndex, role) in roles.enumerated() {
            let identity = try #require(identities[role])
            for (row, entry) in Self.matrix.enumerated() {
                let expected = [entry.admin, entry.editor, entry.viewer, entry.router][roleIndex]
                let environment = [
                    "HERALD_SERVER": address, "HERALD_CERT": identity.certificatePath,
                    "HERALD_KEY": identity.privateKeyPath,
                    "HERALD_CA": certificates.caPath, "HERALD_SERVER_NAME": "localhost",
                ]
                let arguments = ["call", entry.method]
                let own = try await CommandRunner.run(
                    "herald",
                    arguments + [
                        "--tenant", "acme", "--data", Self.requestJSON(entry.method, suffix: "\(roleIndex)-\(row)"),
                    ],
                    environment: environment
                )
                let denied = own.status == 17
                #expect(
                    denied == (expected == .denied),
                    "\(role) \(entry.method): status \(own.status) \(own.errorOutput)"
                )
                let foreign = try await CommandRunner.run(
                    "herald",
                    arguments + [
                        "--tenant", "globex", "--data", Self.requestJSON(entry.method, suffix: "x\(roleIndex)-\(row)"),
                    ],
                    environment: environment
                )
                #expect(foreign.status == 17, "\(role) \(entry.method) on a tenant without a grant: \(foreign.status)")
            }
        }
        #expect(await heraldd.stop() == 0)
    }
}
