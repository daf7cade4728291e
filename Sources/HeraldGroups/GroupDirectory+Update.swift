import HeraldContacts
public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension GroupDirectory {
    /// The paths `UpdateGroup`'s mask may name.
    static let updatablePaths = ["name", "note", "member_contact_ids"]

    /// Replaces the name, note and/or member list named in the mask.
    ///
    /// The version check, name uniqueness and the write happen in one transaction. A new
    /// member list is held to `TenantQuotas.max_group_members` whole (a group left above a
    /// lowered quota can shrink, but not be replaced by another list above it).
    ///
    /// - Throws: INVALID_ARGUMENT (mask, validation); NOT_FOUND; ALREADY_EXISTS (name);
    ///   FAILED_PRECONDITION (unknown member); RESOURCE_EXHAUSTED (member limit); ABORTED (stale
    ///   `expected_version`).
    public func updateGroup(_ request: UpdateGroupRequest, context: ServerContext) async throws -> UpdateGroupResponse {
        guard let input = request.group else {
            throw RPCError.invalidArgument(field: "group", "required")
        }
        let tenant = context.tenant
        let id = input.id
        guard !id.isEmpty else { throw RPCError.invalidArgument(field: "group.id", "required") }
        let mask = try FieldMask(request.updateMask, allowed: Self.updatablePaths)
        var violations = Violations()
        let name =
            mask.contains("name") ? GroupValidation.name(input.name, field: "group.name", into: &violations) : nil
        let note =
            mask.contains("note") ? GroupValidation.note(input.note, field: "group.note", into: &violations) : nil
        try violations.check()
        let key = GroupKeys.group(tenant, id)
        guard GroupValidation.isGroupID(id), table.contains(key) else { throw GroupErrors.notFound(id) }
        var members: [String]?
        if mask.contains("member_contact_ids") {
            members = try checkedMembers(
                input.memberContactIDs,
                field: "group.member_contact_ids",
                limit: try contacts.quotas(tenant: tenant).maxGroupMembers,
                tenant: tenant
            )
        }
        let now = clock.nowUnixMilliseconds()
        let expectedVersion = request.expectedVersion
        let (group, added) = try await table.transaction { transaction -> (ContactGroup, [String]) in
            var group = try Self.loadForChange(key, id: id, expectedVersion: expectedVersion, in: &transaction)
            if let name {
                for other in try transaction.lookup(GroupKeys.nameIndexName, GroupKeys.nameIndex(tenant, name))
                where other != key {
                    throw GroupErrors.nameTaken(name, by: GroupKeys.id(of: other) ?? "", field: "group.name")
                }
                group.name = name
            }
            if let note {
                group.note = note
            }
            var added: [String] = []
            if let members {
                let before = Set(group.memberContactIDs)
                added = members.filter { !before.contains($0) }
                group.memberContactIDs = members
            }
            group.version += 1
            group.updateTimeUnixMs = now
            transaction.put(key, try encodeStored(group))
            return (group, added)
        }
        return UpdateGroupResponse(group: try await forgetVanished(added, from: group, tenant: tenant))
    }
}
