/// The embedded store: per-table append-only logs with group commit, snapshots and crash
/// recovery. Implemented by the store issue.
public enum HeraldStore {}
