import HeraldProtos
import HeraldServiceKit
import HeraldStore

/// The layout of the `contacts` table. Tenant names never contain `/`, so a key's first `/`
/// after its kind ends the tenant.
///
/// | Key | Value |
/// |---|---|
/// | `c/<tenant>/<contact id>` | the `Contact` (with webhook secrets) |
/// | `s/<tenant>` | the tenant's `TenantSettings` (absent until first saved) |
/// | `n/<tenant>` | the tenant's contact count, 8 bytes big-endian |
/// | `x/<tenant>/<contact id>` | a deletion whose clean-up (groups, rules) may not be done |
/// | `j/<tenant>/<contact id>` | group ids (`\n`-separated) a new contact may not have joined yet |
///
/// Secondary indexes (kept by the table, rebuilt at open): `phone` → `<tenant>/<E.164>`,
/// `email` → `<tenant>/<address>` (lower-cased), `principal` → `<tenant>/<kind>/<id>`,
/// `alternate` → `<tenant>/<alternate contact id>`.
enum ContactKeys {
    static func contact(_ tenant: String, _ id: String) -> StoreKey { StoreKey("c/\(tenant)/\(id)") }
    static func contacts(_ tenant: String) -> StoreKey { StoreKey("c/\(tenant)/") }
    static func settings(_ tenant: String) -> StoreKey { StoreKey("s/\(tenant)") }
    static func count(_ tenant: String) -> StoreKey { StoreKey("n/\(tenant)") }
    static func deletion(_ tenant: String, _ id: String) -> StoreKey { StoreKey("x/\(tenant)/\(id)") }
    static let deletions = StoreKey("x/")
    static func joining(_ tenant: String, _ id: String) -> StoreKey { StoreKey("j/\(tenant)/\(id)") }
    static let joinings = StoreKey("j/")

    /// The names of the table's indexes.
    static let phoneIndexName = "phone"
    static let emailIndexName = "email"
    static let principalIndexName = "principal"
    static let alternateIndexName = "alternate"

    static func phoneIndex(_ tenant: String, _ phone: String) -> StoreKey { StoreKey("\(tenant)/\(phone)") }
    static func emailIndex(_ tenant: String, _ email: String) -> StoreKey {
        StoreKey("\(tenant)/\(email.lowercased())")
    }
    static func principalIndex(_ tenant: String, _ principal: Principal) -> StoreKey {
        principalIndex(tenant, kind: principal.kind.rawValue, id: principal.id)
    }
    static func principalIndex(_ tenant: String, kind: Int32, id: String) -> StoreKey {
        StoreKey("\(tenant)/\(kind)/\(id)")
    }
    static func alternateIndex(_ tenant: String, _ id: String) -> StoreKey { StoreKey("\(tenant)/\(id)") }

    /// The indexes the table maintains. They read only the fields they need from each stored
    /// contact (``StoredContactFields``); a record that cannot be read is in no index.
    static let indexes: [TableIndex] = [
        TableIndex(phoneIndexName) { key, value in
            guard let (tenant, fields) = contactFields(key, value), !fields.phone.isEmpty else { return [] }
            return [phoneIndex(tenant, fields.phone)]
        },
        TableIndex(emailIndexName) { key, value in
            guard let (tenant, fields) = contactFields(key, value), !fields.email.isEmpty else { return [] }
            return [emailIndex(tenant, fields.email)]
        },
        TableIndex(principalIndexName) { key, value in
            guard let (tenant, fields) = contactFields(key, value), let principal = fields.principal else { return [] }
            return [principalIndex(tenant, kind: principal.kind, id: principal.id)]
        },
        TableIndex(alternateIndexName) { key, value in
            guard let (tenant, fields) = contactFields(key, value), !fields.alternateContactID.isEmpty else {
                return []
            }
            return [alternateIndex(tenant, fields.alternateContactID)]
        },
    ]

    /// The tenant and indexed fields of a `c/` entry.
    private static func contactFields(_ key: StoreKey, _ value: [UInt8]) -> (String, StoredContactFields)? {
        guard key.bytes.first == UInt8(ascii: "c"), let (tenant, _) = TableKeys.split(key),
            let fields = StoredContactFields(value)
        else { return nil }
        return (tenant, fields)
    }
}
