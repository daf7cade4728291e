/// A service that refers to groups and must forget a deleted one (the rule service removes it
/// from its rules' recipients).
///
/// Attach one with ``GroupDirectory/attach(deletionObserver:)``. `DeleteGroup` first deletes
/// the group and records the pending clean-up in the same write, then calls every attached
/// observer, then clears the record. If an observer throws, or the process dies in between,
/// the clean-up is finished by a retried `DeleteGroup` for the same id or by
/// ``GroupDirectory/resumePendingDeletions()`` at the next start; so
/// ``groupDeleted(_:tenant:)`` may run more than once for the same group and must be
/// idempotent.
public protocol GroupDeletionObserver: Sendable {
    /// Removes every reference to `groupID` of `tenant`.
    ///
    /// - Returns: the ids of the things that changed (the rules edited); answered to the
    ///   caller of `DeleteGroup` as `removed_from_rule_ids`.
    func groupDeleted(_ groupID: String, tenant: String) async throws -> [String]
}
