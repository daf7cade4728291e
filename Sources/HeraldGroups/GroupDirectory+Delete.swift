public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire
import Logging

extension GroupDirectory {
    /// Deletes a group (its contacts are kept), then has every ``GroupDeletionObserver``
    /// forget it.
    ///
    /// The group, the tenant's count and a clean-up record `x/<tenant>/<id>` change in one
    /// write; the record is removed once every observer succeeded. If an observer fails, the
    /// call fails but the group stays deleted: a retry for the same id (it is IDEMPOTENT)
    /// finishes the clean-up and answers OK, as does ``resumePendingDeletions()``.
    ///
    /// - Throws: INVALID_ARGUMENT (no id); NOT_FOUND; ABORTED (stale `expected_version`); an
    ///   observer's error.
    public func deleteGroup(_ request: DeleteGroupRequest, context: ServerContext) async throws -> DeleteGroupResponse {
        let tenant = context.tenant
        let id = request.id
        guard !id.isEmpty else { throw RPCError.invalidArgument(field: "id", "required") }
        guard GroupValidation.isGroupID(id) else { throw GroupErrors.notFound(id) }
        let key = GroupKeys.group(tenant, id)
        let marker = GroupKeys.deletion(tenant, id)
        let expectedVersion = request.expectedVersion
        try await table.transaction { transaction in
            guard transaction.contains(key) else {
                // Deleted before, but its clean-up did not finish: finish it now.
                guard transaction.contains(marker) else { throw GroupErrors.notFound(id) }
                return
            }
            _ = try Self.loadForChange(key, id: id, expectedVersion: expectedVersion, in: &transaction)
            let countKey = GroupKeys.count(tenant)
            let count = TableKeys.decodeCount(transaction.get(countKey))
            transaction.delete(key)
            transaction.put(countKey, TableKeys.encodeCount(count > 0 ? count - 1 : 0))
            transaction.put(marker, [])
        }
        CrashPoint.reached("group-deleted-before-cleanup")
        context.logger.debug("Deleted group", metadata: ["group.id": "\(id)"])
        return DeleteGroupResponse(removedFromRuleIDs: try await finishDeletion(id, tenant: tenant))
    }

    /// Finishes the clean-up of every deleted group whose observers did not all succeed (a
    /// crash or an observer error during `DeleteGroup`). Call it at start-up, after attaching
    /// the observers and before serving.
    ///
    /// - Returns: how many deletions were finished.
    /// - Throws: the first observer or store error; deletions not finished stay pending.
    @discardableResult
    public func resumePendingDeletions() async throws -> Int {
        var finished = 0
        for entry in table.entries(withPrefix: GroupKeys.deletions) {
            guard let (tenant, id) = TableKeys.split(entry.key) else { continue }
            let rules = try await finishDeletion(id, tenant: tenant)
            logger.info(
                "Finished the clean-up of a deleted group",
                metadata: ["tenant": "\(tenant)", "group.id": "\(id)", "group.rulesChanged": "\(rules.count)"]
            )
            finished += 1
        }
        return finished
    }

    /// Runs every observer for a deleted group, then drops its clean-up record.
    ///
    /// - Returns: the ids the observers changed, without duplicates.
    func finishDeletion(_ id: String, tenant: String) async throws -> [String] {
        var changed: [String] = []
        for observer in deletionObservers {
            changed += try await observer.groupDeleted(id, tenant: tenant)
        }
        try await table.delete(GroupKeys.deletion(tenant, id))
        return collapsed(changed).map(\.id)
    }
}
