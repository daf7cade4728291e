/// Which command-line flag set a request field, so that a field violation such as
/// `contact.webhooks[1].url` also names `--webhook #2`.
struct FieldFlags: Sendable {
    /// Flag by field path without list indices, e.g. `contact.webhooks` → `--webhook`.
    private var flags: [String: String]

    /// The fields every command shares: the header and version checks, paging.
    static let common: [String: String] = [
        "header.tenant": "--tenant", "header.idempotency_key": "--idempotency-key",
        "expected_version": "--expected-version", "page_size": "--page-size", "page_token": "--page-token",
    ]

    init(_ flags: [String: String] = [:]) {
        self.flags = Self.common.merging(flags) { _, specific in specific }
    }

    /// The flag for a violation's field path: the flag of its longest prefix that has one, with
    /// `#n` (counting from 1) when that prefix ends in a list index; nil when no prefix has one.
    func flag(for field: String) -> String? {
        var prefix = ""
        var found: String?
        for segment in field.split(separator: ".") {
            let name = segment.prefix { $0 != "[" }
            prefix += (prefix.isEmpty ? "" : ".") + name
            guard let flag = flags[prefix] else { continue }
            if let open = segment.firstIndex(of: "["),
                let index = Int(segment[segment.index(after: open)...].prefix { $0 != "]" })
            {
                found = "\(flag) #\(index + 1)"
            } else {
                found = flag
            }
        }
        return found
    }
}
