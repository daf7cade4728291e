import HeraldProtos
import HeraldWire

/// The errors the group service answers with, in one place so messages stay consistent.
enum GroupErrors {
    /// NOT_FOUND for a group id, whether it never existed or belongs to another tenant.
    static func notFound(_ id: String) -> RPCError {
        RPCError(code: .notFound, message: "no group \(id)")
    }

    /// ABORTED: the caller read an older version.
    static func stale(current: UInt64, expected: UInt64) -> RPCError {
        RPCError(
            code: .aborted,
            message: "the group changed (version \(current), you read \(expected)); read it again",
            currentVersion: current
        )
    }

    /// ALREADY_EXISTS: another group of the tenant has this name.
    static func nameTaken(_ name: String, by id: String, field: String) -> RPCError {
        RPCError(
            code: .alreadyExists,
            message: "a group named \"\(name)\" already exists (\(id)); names are compared case-insensitively",
            fieldViolations: [FieldViolation(field: field, description: "already used by group \(id)")],
            conflictingID: id
        )
    }

    /// RESOURCE_EXHAUSTED: the tenant has as many groups as its quota allows.
    static func groupQuota(_ limit: UInt32) -> RPCError {
        RPCError(
            code: .resourceExhausted,
            message: "the tenant already has \(limit) groups, its quota (TenantQuotas.max_groups)"
        )
    }

    /// RESOURCE_EXHAUSTED: a group would have more members than allowed.
    static func memberLimit(_ count: Int, limit: UInt32, field: String) -> RPCError {
        let description = "a group may have at most \(limit) members (TenantQuotas.max_group_members), not \(count)"
        return RPCError(
            code: .resourceExhausted,
            message: "\(field): \(description)",
            fieldViolations: [FieldViolation(field: field, description: description)]
        )
    }
}
