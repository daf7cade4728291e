import HeraldProtos
public import HeraldWire

/// What the contact service needs from the group service, which owns the `groups` table.
///
/// The group service implements it and is attached with
/// ``ContactDirectory/attach(groups:)``; the contact service never touches the groups table.
public protocol GroupMembership: Sendable {
    /// Ids of the groups `contactID` belongs to, oldest group first.
    func groupIDs(ofContact contactID: String, tenant: String) -> [String]

    /// Checks, before a contact is created, that it can join these groups.
    ///
    /// - Throws: FAILED_PRECONDITION naming `group_ids[i]` for an unknown group;
    ///   RESOURCE_EXHAUSTED for a full group.
    func checkCanJoin(groupIDs: [String], tenant: String) throws(RPCError)

    /// Adds a newly created contact to groups.
    ///
    /// - Returns: the groups it was added to.
    func join(contactID: String, groupIDs: [String], tenant: String) async throws -> [String]
}

/// A service that refers to contacts and must forget a deleted one (groups remove it from
/// their members, rules from their recipients).
///
/// Deletion is resumed after a crash, so ``contactDeleted(_:tenant:)`` may run more than once
/// for the same contact: it must be idempotent.
public protocol ContactDeletionObserver: Sendable {
    /// Removes every reference to `contactID`.
    ///
    /// - Returns: the ids of the things that changed (e.g. the groups it was removed from).
    func contactDeleted(_ contactID: String, tenant: String) async throws -> [String]
}
