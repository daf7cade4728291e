import HeraldProtos

/// How contact groups read in the terminal.
enum GroupOutput {
    /// A group as a key/value block: the member count, then the members one per line.
    static func details(_ group: ContactGroup) -> String {
        var block = KeyValueBlock()
        block.add("id", group.id)
        block.add("name", group.name)
        block.add("note", group.note.isEmpty ? "-" : group.note)
        block.add(
            "members",
            ([group.memberContactIDs.isEmpty ? "-" : "\(group.memberContactIDs.count)"] + group.memberContactIDs)
                .joined(separator: "\n")
        )
        block.add("version", "\(group.version)")
        block.add("created", iso8601(unixMilliseconds: group.createTimeUnixMs))
        block.add("updated", iso8601(unixMilliseconds: group.updateTimeUnixMs))
        return block.rendered
    }

    /// Groups as a table, one per line; `no groups` for none.
    static func table(_ groups: [ContactGroup]) -> String {
        guard !groups.isEmpty else { return "no groups" }
        var table = Table("ID", "NAME", "MEMBERS", "VERSION", "UPDATED")
        for group in groups {
            table.add(
                group.id,
                group.name,
                "\(group.memberContactIDs.count)",
                "\(group.version)",
                iso8601(unixMilliseconds: group.updateTimeUnixMs)
            )
        }
        return table.rendered
    }

    /// `added: ct_1, ct_2` / `already members: ct_3` (for `verb` "added"), then the group.
    static func membershipChange(
        _ group: ContactGroup,
        requested: [String],
        changed: [String],
        verb: String,
        unchangedLabel: String
    ) -> String {
        let changedSet = Set(changed)
        var seen: Set<String> = []
        let unchanged = requested.filter { !changedSet.contains($0) && seen.insert($0).inserted }
        var lines = ["\(verb): " + (changed.isEmpty ? "none" : changed.joined(separator: ", "))]
        if !unchanged.isEmpty { lines.append("\(unchangedLabel): " + unchanged.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n\n" + details(group)
    }
}
