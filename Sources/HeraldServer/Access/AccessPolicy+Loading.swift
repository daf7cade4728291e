import Foundation
import HeraldProtos

/// Why a policy file could not be used: names the file and the entry at fault.
public struct AccessPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

extension AccessPolicy {
    /// Reads a policy file.
    ///
    /// - Throws: ``AccessPolicyError`` naming the file and the bad entry.
    public static func load(path: String) throws(AccessPolicyError) -> AccessPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AccessPolicyError(description: "cannot read access policy \(path)")
        }
        do {
            return try parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw AccessPolicyError(description: "access policy \(path): \(error)")
        }
    }

    /// Parses the JSON form.
    public static func parse(_ text: String) throws(AccessPolicyError) -> AccessPolicy {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch {
            throw AccessPolicyError(description: "\(error)")
        }
        guard case .object(let members) = json else { throw AccessPolicyError(description: "expected a JSON object") }
        for member in members where member.key != "grants" {
            throw AccessPolicyError(description: "unknown key \"\(member.key)\" (expected \"grants\")")
        }
        guard case .array(let entries)? = json["grants"] else {
            throw AccessPolicyError(description: "\"grants\" must be an array")
        }
        var grants: [Grant] = []
        for (index, entry) in entries.enumerated() {
            grants.append(try grant(entry, path: "grants[\(index)]"))
        }
        return AccessPolicy(grants: grants)
    }

    private static func grant(_ entry: JSONValue, path: String) throws(AccessPolicyError) -> Grant {
        guard case .object(let members) = entry else {
            throw AccessPolicyError(description: "\(path): expected an object")
        }
        for member in members where !["identity", "role", "tenants"].contains(member.key) {
            throw AccessPolicyError(description: "\(path): unknown key \"\(member.key)\"")
        }
        guard case .string(let identity)? = entry["identity"], !identity.isEmpty else {
            throw AccessPolicyError(description: "\(path).identity: a non-empty string is required")
        }
        if let star = identity.firstIndex(of: "*"), star != identity.index(before: identity.endIndex) {
            throw AccessPolicyError(description: "\(path).identity: '*' is only allowed at the end (a prefix match)")
        }
        guard case .string(let roleName)? = entry["role"], let role = Role(rawValue: roleName) else {
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw AccessPolicyError(description: "\(path).role: one of \(roles) is required")
        }
        guard case .array(let tenantValues)? = entry["tenants"], !tenantValues.isEmpty else {
            throw AccessPolicyError(
                description: "\(path).tenants: a non-empty array of tenant names (or \"*\") is required"
            )
        }
        var tenants: Set<String> = []
        for (index, value) in tenantValues.enumerated() {
            guard case .string(let tenant) = value, tenant == "*" || TenantName.isValid(tenant) else {
                throw AccessPolicyError(
                    description:
                        "\(path).tenants[\(index)]: a tenant is 1–64 characters of A–Z a–z 0–9 . _ - (or \"*\")"
                )
            }
            tenants.insert(tenant)
        }
        return Grant(identity: identity, role: role, tenants: tenants)
    }
}

/// The rules for tenant names in request headers and policies.
public enum TenantName {
    /// 1–64 characters of `[A-Za-z0-9._-]`.
    public static func isValid(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }
}
