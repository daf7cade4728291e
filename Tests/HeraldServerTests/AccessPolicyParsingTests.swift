import Foundation
import HeraldServer
import Testing

/// The policy file: what parses, and errors that name the entry at fault.
@Suite struct AccessPolicyParsingTests {
    @Test func validPolicyParses() throws {
        let policy = try AccessPolicy.parse(
            """
            { "grants": [
                { "identity": "spiffe://herald.local/admin", "role": "admin", "tenants": ["*"] },
                { "identity": "spiffe://mesh.local/ns/ops/sa/*", "role": "viewer", "tenants": ["acme", "globex"] },
                { "identity": "router.mesh.local", "role": "router", "tenants": ["acme"] } ] }
            """
        )
        #expect(
            policy
                == AccessPolicy(grants: [
                    .init(identity: "spiffe://herald.local/admin", role: .admin, tenants: ["*"]),
                    .init(identity: "spiffe://mesh.local/ns/ops/sa/*", role: .viewer, tenants: ["acme", "globex"]),
                    .init(identity: "router.mesh.local", role: .router, tenants: ["acme"]),
                ])
        )
    }

    /// A broken policy and what its error must mention.
    struct Broken: Sendable, CustomTestStringConvertible {
        var json: String
        var mentions: [String]

        var testDescription: String { mentions.joined(separator: " ") }

        static let good = #"{ "identity": "a", "role": "viewer", "tenants": ["acme"] }"#

        static let all = [
            Broken(json: "[]", mentions: ["JSON object"]),
            Broken(json: "{ not json", mentions: []),
            Broken(json: #"{ "grant": [] }"#, mentions: ["unknown key", "grant"]),
            Broken(json: #"{ "version": 1, "grants": [] }"#, mentions: ["unknown key", "version"]),
            Broken(json: #"{ "grants": {} }"#, mentions: ["grants", "array"]),
            Broken(json: #"{ "grants": [\#(good), 7] }"#, mentions: ["grants[1]", "object"]),
            Broken(
                json: #"{ "grants": [\#(good), { "identity": "b", "role": "boss", "tenants": ["acme"] }] }"#,
                mentions: ["grants[1].role", "admin, editor, viewer, router"]
            ),
            Broken(
                json: #"{ "grants": [{ "identity": "", "role": "admin", "tenants": ["acme"] }] }"#,
                mentions: ["grants[0].identity"]
            ),
            Broken(
                json: #"{ "grants": [{ "role": "admin", "tenants": ["acme"] }] }"#,
                mentions: ["grants[0].identity"]
            ),
            Broken(
                json: #"{ "grants": [{ "identity": "spiffe://*/ops", "role": "admin", "tenants": ["acme"] }] }"#,
                mentions: ["grants[0].identity", "'*'"]
            ),
            Broken(
                json: #"{ "grants": [\#(good), \#(good), { "identity": "c", "role": "admin", "tenants": [] }] }"#,
                mentions: ["grants[2].tenants"]
            ),
            Broken(
                json: #"{ "grants": [{ "identity": "c", "role": "admin", "tenants": "acme" }] }"#,
                mentions: ["grants[0].tenants"]
            ),
            Broken(
                json: #"{ "grants": [{ "identity": "c", "role": "admin", "tenants": ["acme", "bad name"] }] }"#,
                mentions: ["grants[0].tenants[1]"]
            ),
            Broken(
                json: #"{ "grants": [{ "identity": "c", "role": "admin", "tenants": ["acme"], "tenant": "x" }] }"#,
                mentions: ["grants[0]", "unknown key", "tenant"]
            ),
        ]
    }

    @Test(arguments: Broken.all)
    func brokenPolicyNamesTheEntry(_ broken: Broken) {
        #expect {
            _ = try AccessPolicy.parse(broken.json)
        } throws: { error in
            let text = "\(error)"
            return error is AccessPolicyError && !text.isEmpty && broken.mentions.allSatisfy { text.contains($0) }
        }
    }

    @Test func loadNamesTheFile() throws {
        let missing = "/nonexistent/herald-policy-\(UInt32.random(in: 0...UInt32.max)).json"
        #expect {
            _ = try AccessPolicy.load(path: missing)
        } throws: { error in
            "\(error)".contains(missing)
        }

        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-policy-\(UInt32.random(in: 0...UInt32.max)).json").path
        try #"{ "grants": [{ "identity": "a", "role": "root", "tenants": ["acme"] }] }"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try AccessPolicy.load(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("grants[0].role")
        }
    }
}
