public import HeraldContacts
import HeraldProtos
import HeraldServiceKit
import HeraldStore
public import HeraldWire
import Logging

extension GroupDirectory: GroupMembership {
    /// Ids of the tenant's groups `contactID` belongs to, oldest group first (a lookup in the
    /// `member` index).
    public func groupIDs(ofContact contactID: String, tenant: String) -> [String] {
        guard GroupValidation.isPlausibleContactID(contactID),
            let keys = try? table.lookup(GroupKeys.memberIndexName, GroupKeys.memberIndex(tenant, contactID))
        else { return [] }
        return keys.compactMap(GroupKeys.id(of:))
    }

    /// Checks, before a contact is created, that it can join these groups: each exists in the
    /// tenant and has room for one more member. Duplicates are collapsed.
    ///
    /// > Warning: reads the tenant's quotas through ``ContactDirectory/quotas(tenant:)``: do not
    /// > call it inside a transaction on the `contacts` table.
    ///
    /// - Throws: FAILED_PRECONDITION naming `group_ids[i]` for each unknown group;
    ///   RESOURCE_EXHAUSTED naming `group_ids[i]` for each full group.
    public func checkCanJoin(groupIDs: [String], tenant: String) throws(RPCError) {
        guard !groupIDs.isEmpty else { return }
        let limit = try Int(contacts.quotas(tenant: tenant).maxGroupMembers)
        var unknown = Violations()
        var full: [FieldViolation] = []
        for (position, id) in collapsed(groupIDs) {
            let field = "group_ids[\(position)]"
            guard let group = try group(id, tenant: tenant) else {
                unknown.add(field, "no group \"\(id)\"")
                continue
            }
            if group.memberContactIDs.count >= limit {
                full.append(
                    FieldViolation(field: field, description: "the group has \(limit) members, the most allowed")
                )
            }
        }
        try unknown.check(code: .failedPrecondition, plural: "unknown groups")
        if !full.isEmpty {
            throw RPCError(
                code: .resourceExhausted,
                message: "\(full[0].field): \(full[0].description) (TenantQuotas.max_group_members)",
                fieldViolations: full
            )
        }
    }

    /// Adds a newly created contact to groups, in one write.
    ///
    /// Groups deleted or filled up since ``checkCanJoin(groupIDs:tenant:)`` are skipped (and
    /// logged): the contact exists by now, so failing would not undo it. A group the contact is
    /// already in counts as joined, so a repeated call changes nothing.
    ///
    /// - Returns: the ids of the groups the contact is now a member of, in request order.
    public func join(contactID: String, groupIDs: [String], tenant: String) async throws -> [String] {
        let ids = collapsed(groupIDs).map(\.id).filter(GroupValidation.isGroupID)
        guard !ids.isEmpty else { return [] }
        let limit = try Int(contacts.quotas(tenant: tenant).maxGroupMembers)
        let now = clock.nowUnixMilliseconds()
        let (joined, skipped) = try await table.transaction { transaction -> ([String], [String]) in
            var joined: [String] = []
            var skipped: [String] = []
            for id in ids {
                let key = GroupKeys.group(tenant, id)
                guard var group = try Self.load(key, in: &transaction) else {
                    skipped.append(id)
                    continue
                }
                if group.memberContactIDs.contains(contactID) {
                    joined.append(id)
                    continue
                }
                guard group.memberContactIDs.count < limit else {
                    skipped.append(id)
                    continue
                }
                group.memberContactIDs.append(contactID)
                group.version += 1
                group.updateTimeUnixMs = now
                transaction.put(key, try encodeStored(group))
                joined.append(id)
            }
            return (joined, skipped)
        }
        if !skipped.isEmpty {
            logger.info(
                "A new contact could not join groups deleted or filled since they were checked",
                metadata: ["tenant": "\(tenant)", "contact.id": "\(contactID)", "group.ids": "\(skipped)"]
            )
        }
        if !joined.isEmpty && !contacts.contactExists(contactID, tenant: tenant) {
            _ = try await contactDeleted(contactID, tenant: tenant)
            return []
        }
        return joined
    }
}

extension GroupDirectory: ContactDeletionObserver {
    /// Removes a deleted contact from every group of the tenant that has it (found through the
    /// `member` index), in one write; each changed group gets a new version.
    ///
    /// Idempotent: once the contact is in no group, it writes nothing.
    ///
    /// - Returns: the ids of the groups it was removed from, oldest first.
    public func contactDeleted(_ contactID: String, tenant: String) async throws -> [String] {
        guard GroupValidation.isPlausibleContactID(contactID) else { return [] }
        let now = clock.nowUnixMilliseconds()
        let indexKey = GroupKeys.memberIndex(tenant, contactID)
        return try await table.transaction { transaction -> [String] in
            var changed: [String] = []
            for key in try transaction.lookup(GroupKeys.memberIndexName, indexKey) {
                guard var group = try Self.load(key, in: &transaction) else { continue }
                group.memberContactIDs.removeAll { $0 == contactID }
                group.version += 1
                group.updateTimeUnixMs = now
                transaction.put(key, try encodeStored(group))
                changed.append(group.id)
            }
            return changed
        }
    }
}
