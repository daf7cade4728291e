public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire
import Logging

/// Deleting a contact touches three tables: `contacts` (the contact, alternate links to it),
/// `groups` (memberships) and `rules` (recipients). They cannot change in one write, so:
///
/// 1. one transaction on `contacts` deletes the contact, clears every `alternate_contact_id`
///    pointing at it, and records a deletion intent `x/<tenant>/<id>`;
/// 2. every ``ContactDeletionObserver`` (groups, rules) removes its references — idempotently;
/// 3. the intent is deleted.
///
/// If the process dies after step 1, the intent survives: ``resumePendingDeletions()`` (run
/// at start-up) repeats steps 2 and 3, and a retried DeleteContact for that id does the same
/// and succeeds. The end state is always as if the delete had finished.
extension ContactDirectory {
    public func deleteContact(
        _ request: DeleteContactRequest,
        context: ServerContext
    ) async throws
        -> DeleteContactResponse
    {
        try await delete(request.id, expectedVersion: request.expectedVersion, tenant: context.tenant)
    }

    public func batchDeleteContacts(
        _ request: BatchDeleteContactsRequest,
        context: ServerContext
    ) async throws
        -> BatchDeleteContactsResponse
    {
        guard (1...100).contains(request.ids.count) else {
            throw RPCError.invalidArgument(field: "ids", "give 1–100 contact ids")
        }
        var results: [ItemResult] = []
        for (_, id) in collapsed(request.ids) {
            do {
                _ = try await delete(id, expectedVersion: 0, tenant: context.tenant)
                results.append(ItemResult(id: id, status: Status(code: .ok)))
            } catch let error as RPCError {
                results.append(ItemResult(id: id, status: error.status))
            } catch let error as any RPCErrorConvertible {
                results.append(ItemResult(id: id, status: error.rpcError.status))
            }
        }
        return BatchDeleteContactsResponse(results: results)
    }

    func delete(_ id: String, expectedVersion: UInt64, tenant: String) async throws -> DeleteContactResponse {
        let now = clock.nowUnixMilliseconds()
        let cleared: [String] = try await table.transaction { transaction in
            let key = ContactKeys.contact(tenant, id)
            let intent = ContactKeys.deletion(tenant, id)
            guard let bytes = transaction.get(key) else {
                // A deletion whose clean-up did not finish: finish it, as if it had.
                if transaction.contains(intent) { return [] }
                throw RPCError(code: .notFound, message: "no contact \(id)")
            }
            let contact = try decodeStored(Contact.self, bytes)
            try Self.checkVersion(expectedVersion, of: contact)
            var cleared: [String] = []
            for otherKey in try transaction.lookup(
                ContactKeys.alternateIndexName,
                ContactKeys.alternateIndex(tenant, id)
            ) {
                guard otherKey != key, let otherBytes = transaction.get(otherKey) else { continue }
                var other = try decodeStored(Contact.self, otherBytes)
                other.alternateContactID = ""
                other.version += 1
                other.updateTimeUnixMs = now
                transaction.put(otherKey, try encodeStored(other))
                cleared.append(other.id)
            }
            transaction.delete(key)
            let count = TableKeys.decodeCount(transaction.get(ContactKeys.count(tenant)))
            transaction.put(ContactKeys.count(tenant), TableKeys.encodeCount(count > 0 ? count - 1 : 0))
            transaction.put(intent, [])
            return cleared
        }
        CrashPoint.reached("contact-deleted-before-cleanup")
        let (groupIDs, ruleIDs) = try await finishDeletion(id, tenant: tenant)
        return DeleteContactResponse(
            removedFromGroupIDs: groupIDs,
            removedFromRuleIDs: ruleIDs,
            clearedAlternateContactIDs: cleared
        )
    }

    /// Steps 2 and 3: the other services forget the contact, then the intent goes.
    private func finishDeletion(_ id: String, tenant: String) async throws -> (groups: [String], rules: [String]) {
        var groupIDs: [String] = []
        var ruleIDs: [String] = []
        if let groups = groupObserver {
            groupIDs = try await groups.contactDeleted(id, tenant: tenant)
        }
        for observer in otherDeletionObservers {
            ruleIDs += try await observer.contactDeleted(id, tenant: tenant)
        }
        try await table.delete(ContactKeys.deletion(tenant, id))
        return (groupIDs, ruleIDs)
    }

    /// Finishes deletions interrupted by a crash. Call at start-up once every service that
    /// observes deletions is attached.
    ///
    /// - Returns: how many deletions were finished.
    @discardableResult
    public func resumePendingDeletions() async throws -> Int {
        var finished = 0
        for entry in table.entries(withPrefix: ContactKeys.deletions) {
            guard let (tenant, id) = TableKeys.split(entry.key) else { continue }
            logger.info(
                "finishing an interrupted contact deletion",
                metadata: ["tenant": "\(tenant)", "contact": "\(id)"]
            )
            _ = try await finishDeletion(id, tenant: tenant)
            finished += 1
        }
        return finished
    }
}
