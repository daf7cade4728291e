import HeraldGroups
import Synchronization

/// Stands in for the rule service (a later issue) behind ``GroupDeletionObserver``: records
/// the groups it was told about, can be made to fail, and "edits" one rule per group.
final class RecordingRuleService: GroupDeletionObserver {
    struct Failure: Error {}

    private let state = Mutex<(calls: [String], failing: Bool)>(([], false))

    /// The `tenant/group` of every call, in order.
    var calls: [String] { state.withLock { $0.calls } }

    /// Makes later calls throw (or succeed again).
    func setFailing(_ failing: Bool) {
        state.withLock { $0.failing = failing }
    }

    func groupDeleted(_ groupID: String, tenant: String) async throws -> [String] {
        try state.withLock { state in
            state.calls.append("\(tenant)/\(groupID)")
            if state.failing { throw Failure() }
        }
        return ["rule_for_\(groupID)"]
    }
}
