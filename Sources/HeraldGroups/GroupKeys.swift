import HeraldProtos
import HeraldServiceKit
import HeraldStore

/// The layout of the `groups` table. Tenant names never contain `/`, so a key's first `/`
/// after its kind ends the tenant; group ids (`grp_` + 26 base32 characters) never contain one
/// either.
///
/// | Key | Value |
/// |---|---|
/// | `g/<tenant>/<group id>` | the `ContactGroup` (id included) |
/// | `n/<tenant>` | the tenant's group count, 8 bytes big-endian (absent = 0) |
/// | `x/<tenant>/<group id>` | a deleted group whose clean-up may not be done (empty value) |
///
/// Group ids begin with their creation time, so `g/<tenant>/` lists a tenant's groups in
/// creation order (then by id), which is the order of `ListGroups` and of its page tokens.
///
/// Secondary indexes (kept by the table, rebuilt at open, never on disk):
/// - `name` → `<tenant>/<folded name>`: one key per group, the name lower-cased and in Unicode
///   NFC, for case-insensitive uniqueness and the `name_contains` filter;
/// - `member` → `<tenant>/<contact id>`: one key per member, for "groups of a contact" and for
///   removing a deleted contact everywhere.
enum GroupKeys {
    static func group(_ tenant: String, _ id: String) -> StoreKey { StoreKey("g/\(tenant)/\(id)") }
    static func groups(_ tenant: String) -> StoreKey { StoreKey("g/\(tenant)/") }
    static func count(_ tenant: String) -> StoreKey { StoreKey("n/\(tenant)") }
    static func deletion(_ tenant: String, _ id: String) -> StoreKey { StoreKey("x/\(tenant)/\(id)") }
    static let deletions = StoreKey("x/")

    /// The name of the index of folded group names.
    static let nameIndexName = "name"
    /// The name of the index of members.
    static let memberIndexName = "member"

    static func nameIndex(_ tenant: String, _ name: String) -> StoreKey { StoreKey("\(tenant)/\(folded(name))") }
    static func nameIndexPrefix(_ tenant: String) -> StoreKey { StoreKey("\(tenant)/") }
    static func memberIndex(_ tenant: String, _ contactID: String) -> StoreKey { StoreKey("\(tenant)/\(contactID)") }

    /// The form names are compared in: lower-cased, then in Unicode normalization form C, so
    /// "Café", "CAFÉ" and "cafe\u{301}" are the same name.
    static func folded(_ name: String) -> String {
        // `_nfcCodeUnits` is the standard library's (public, underscored) NFC normalization;
        // HeraldGroups does not import Foundation.
        String(decoding: name.lowercased()._nfcCodeUnits, as: UTF8.self)
    }

    /// The group id of a `g/` key.
    static func id(of key: StoreKey) -> String? {
        TableKeys.split(key)?.id
    }

    /// The indexes the table maintains.
    static let indexes: [TableIndex] = [
        TableIndex(nameIndexName) { key, value in
            guard let (tenant, _) = groupKey(key), let group = decode(value) else { return [] }
            return [nameIndex(tenant, group.name)]
        },
        TableIndex(memberIndexName) { key, value in
            guard let (tenant, _) = groupKey(key), let group = decode(value) else { return [] }
            return group.memberContactIDs.map { memberIndex(tenant, $0) }
        },
    ]

    private static func groupKey(_ key: StoreKey) -> (String, String)? {
        guard key.bytes.first == UInt8(ascii: "g") else { return nil }
        return TableKeys.split(key)
    }

    private static func decode(_ value: [UInt8]) -> ContactGroup? {
        try? ContactGroup(serializedBytes: value)
    }
}
