import HeraldContacts
public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire
import Logging

extension GroupDirectory: GroupServiceHandler {
    /// Creates a group, optionally with initial members.
    ///
    /// Name uniqueness and the group quota are checked in the transaction that writes the
    /// group, so concurrent creates cannot both take a name or exceed the quota.
    ///
    /// - Throws: INVALID_ARGUMENT (validation); ALREADY_EXISTS (name taken, `conflicting_id`);
    ///   FAILED_PRECONDITION (unknown member); RESOURCE_EXHAUSTED (group quota, member limit).
    public func createGroup(_ request: CreateGroupRequest, context: ServerContext) async throws -> CreateGroupResponse {
        guard let input = request.group else {
            throw RPCError.invalidArgument(field: "group", "required")
        }
        let tenant = context.tenant
        var violations = Violations()
        let name = GroupValidation.name(input.name, field: "group.name", into: &violations)
        let note = GroupValidation.note(input.note, field: "group.note", into: &violations)
        try violations.check()
        let quotas = try contacts.quotas(tenant: tenant)
        let members = try checkedMembers(
            input.memberContactIDs,
            field: "group.member_contact_ids",
            limit: quotas.maxGroupMembers,
            tenant: tenant
        )
        let now = clock.nowUnixMilliseconds()
        let group = ContactGroup(
            id: ResourceID.make(prefix: GroupValidation.idPrefix, at: now),
            name: name,
            note: note,
            memberContactIDs: members,
            createTimeUnixMs: now,
            updateTimeUnixMs: now,
            version: 1
        )
        let maxGroups = quotas.maxGroups
        try await table.transaction { transaction in
            if let other = try transaction.lookup(GroupKeys.nameIndexName, GroupKeys.nameIndex(tenant, name)).first {
                throw GroupErrors.nameTaken(name, by: GroupKeys.id(of: other) ?? "", field: "group.name")
            }
            let countKey = GroupKeys.count(tenant)
            let count = TableKeys.decodeCount(transaction.get(countKey))
            guard count < UInt64(maxGroups) else {
                throw GroupErrors.groupQuota(maxGroups)
            }
            transaction.put(GroupKeys.group(tenant, group.id), try encodeStored(group))
            transaction.put(countKey, TableKeys.encodeCount(count + 1))
        }
        context.logger.debug("Created group", metadata: ["group.id": "\(group.id)"])
        return CreateGroupResponse(group: try await forgetVanished(members, from: group, tenant: tenant))
    }
}
