import HeraldServiceKit

/// The field rules of `group.proto`, checked before anything is read or written.
enum GroupValidation {
    /// The longest name, in characters (after trimming).
    static let maximumNameLength = 100
    /// The longest note, in characters (after trimming).
    static let maximumNoteLength = 500
    /// The most contact ids one `AddGroupMembers` / `RemoveGroupMembers` request may carry.
    static let maximumIDsPerRequest = 500
    /// The longest `name_contains` filter, in characters.
    static let maximumFilterLength = 100
    /// The longest contact id looked up at all; longer ones cannot exist.
    static let maximumContactIDLength = 128
    /// The prefix of group ids.
    static let idPrefix = "grp_"

    /// The trimmed name, or "" after recording why `text` is not a valid name.
    static func name(_ text: String, field: String, into violations: inout Violations) -> String {
        switch TextRules.check(text, minimum: 1, maximum: maximumNameLength) {
        case .success(let name):
            return name
        case .failure(let problem):
            violations.add(field, problem.description)
            return ""
        }
    }

    /// The trimmed note, or "" after recording why `text` is not a valid note. Newlines
    /// (`\n`, `\r`) are allowed; tabs and other control characters are not.
    static func note(_ text: String, field: String, into violations: inout Violations) -> String {
        switch TextRules.check(text, maximum: maximumNoteLength, allowingNewlines: true) {
        case .success(let note):
            return note
        case .failure(let problem):
            violations.add(field, problem.description)
            return ""
        }
    }

    /// Whether `id` could be a group id at all (anything else is simply not found, without
    /// touching the store).
    static func isGroupID(_ id: String) -> Bool {
        ResourceID.isWellFormed(id, prefix: idPrefix)
    }

    /// Whether `id` could be a contact id worth looking up.
    static func isPlausibleContactID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maximumContactIDLength
    }
}
