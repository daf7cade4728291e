import HeraldContacts
public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension GroupDirectory {
    /// Adds contacts of the tenant to a group, all or nothing; contacts already in it are
    /// ignored (so a retry changes nothing). A request that adds nobody writes nothing and
    /// keeps the version.
    ///
    /// - Throws: INVALID_ARGUMENT (no group id, 0 or more than 500 ids); NOT_FOUND (group);
    ///   FAILED_PRECONDITION (`contact_ids[i]` unknown); RESOURCE_EXHAUSTED (member limit);
    ///   ABORTED (stale `expected_version`).
    public func addGroupMembers(
        _ request: AddGroupMembersRequest,
        context: ServerContext
    ) async throws -> AddGroupMembersResponse {
        let tenant = context.tenant
        let id = request.groupID
        try Self.validateMemberRequest(groupID: id, contactIDs: request.contactIDs)
        let key = GroupKeys.group(tenant, id)
        guard GroupValidation.isGroupID(id), table.contains(key) else { throw GroupErrors.notFound(id) }
        let unique = collapsed(request.contactIDs)
        try requireContacts(unique, field: "contact_ids", tenant: tenant)
        let limit = try contacts.quotas(tenant: tenant).maxGroupMembers
        let now = clock.nowUnixMilliseconds()
        let expectedVersion = request.expectedVersion
        let (group, added) = try await table.transaction { transaction -> (ContactGroup, [String]) in
            var group = try Self.loadForChange(key, id: id, expectedVersion: expectedVersion, in: &transaction)
            let before = Set(group.memberContactIDs)
            let added = unique.map(\.id).filter { !before.contains($0) }
            guard !added.isEmpty else { return (group, []) }
            let count = group.memberContactIDs.count + added.count
            guard count <= Int(limit) else {
                throw GroupErrors.memberLimit(count, limit: limit, field: "contact_ids")
            }
            group.memberContactIDs += added
            group.version += 1
            group.updateTimeUnixMs = now
            transaction.put(key, try encodeStored(group))
            return (group, added)
        }
        return AddGroupMembersResponse(
            group: try await forgetVanished(added, from: group, tenant: tenant),
            addedContactIDs: added
        )
    }

    /// Removes contacts from a group; ids that are not members are ignored. A request that
    /// removes nobody writes nothing and keeps the version.
    ///
    /// - Throws: INVALID_ARGUMENT (no group id, 0 or more than 500 ids); NOT_FOUND (group);
    ///   ABORTED (stale `expected_version`).
    public func removeGroupMembers(
        _ request: RemoveGroupMembersRequest,
        context: ServerContext
    ) async throws -> RemoveGroupMembersResponse {
        let tenant = context.tenant
        let id = request.groupID
        try Self.validateMemberRequest(groupID: id, contactIDs: request.contactIDs)
        guard GroupValidation.isGroupID(id) else { throw GroupErrors.notFound(id) }
        let key = GroupKeys.group(tenant, id)
        let unwanted = Set(request.contactIDs)
        let now = clock.nowUnixMilliseconds()
        let expectedVersion = request.expectedVersion
        let (group, removed) = try await table.transaction { transaction -> (ContactGroup, [String]) in
            var group = try Self.loadForChange(key, id: id, expectedVersion: expectedVersion, in: &transaction)
            let removed = group.memberContactIDs.filter { unwanted.contains($0) }
            guard !removed.isEmpty else { return (group, []) }
            group.memberContactIDs.removeAll { unwanted.contains($0) }
            group.version += 1
            group.updateTimeUnixMs = now
            transaction.put(key, try encodeStored(group))
            return (group, removed)
        }
        return RemoveGroupMembersResponse(group: group, removedContactIDs: removed)
    }

    /// - Throws: INVALID_ARGUMENT on `group_id` (missing) or `contact_ids` (none, or more than
    ///   500).
    static func validateMemberRequest(groupID: String, contactIDs: [String]) throws(RPCError) {
        var violations = Violations()
        if groupID.isEmpty {
            violations.add("group_id", "required")
        }
        if !(1...GroupValidation.maximumIDsPerRequest).contains(contactIDs.count) {
            violations.add("contact_ids", "give 1 to \(GroupValidation.maximumIDsPerRequest) contact ids")
        }
        try violations.check()
    }
}
