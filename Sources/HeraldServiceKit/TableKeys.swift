public import HeraldStore

/// What the services' table layouts share: records keyed `<kind>/<tenant>/<id>`, where the kind
/// is one character and tenant names never contain `/`, and per-tenant counts stored as 8 bytes
/// big-endian.
public enum TableKeys {
    /// `(tenant, id)` of a `<kind>/<tenant>/<id>` key, e.g. `c/acme/ct_01…`; nil for a key without
    /// a `/` after the tenant.
    public static func split(_ key: StoreKey) -> (tenant: String, id: String)? {
        guard let text = key.string, text.utf8.count > 2 else { return nil }
        let rest = text.dropFirst(2)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return (String(rest[..<slash]), String(rest[rest.index(after: slash)...]))
    }

    /// A stored count: 8 bytes, big-endian.
    public static func encodeCount(_ count: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: count >> (56 - 8 * $0)) }
    }

    /// The count ``encodeCount(_:)`` stored; 0 when there is none.
    public static func decodeCount(_ bytes: [UInt8]?) -> UInt64 {
        guard let bytes, bytes.count == 8 else { return 0 }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// The ids of a request without duplicates, each in the place it was first given, with that
/// place (for field violations such as `contact_ids[3]`).
public func collapsed(_ ids: [String]) -> [(position: Int, id: String)] {
    var seen = Set<String>()
    var result: [(position: Int, id: String)] = []
    for (position, id) in ids.enumerated() where seen.insert(id).inserted {
        result.append((position, id))
    }
    return result
}
