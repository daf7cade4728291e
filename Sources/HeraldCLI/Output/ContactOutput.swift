import HeraldProtos

/// How contacts read in the terminal.
enum ContactOutput {
    /// A contact as a key/value block; `groupIDs` adds a `groups` line (the responses that know
    /// the contact's groups pass them).
    static func details(_ contact: Contact, groupIDs: [String]? = nil) -> String {
        var block = KeyValueBlock()
        block.add("id", contact.id)
        block.add("name", contact.name)
        block.add("phone", method(contact.phone, contact.phoneStatus))
        block.add("email", method(contact.email, contact.emailStatus))
        block.add("webhooks", contact.webhooks.isEmpty ? "-" : contact.webhooks.map(webhook).joined(separator: "\n"))
        block.add(
            "im accounts",
            contact.imAccounts.isEmpty
                ? "-" : contact.imAccounts.map { "\($0.platform.cliName)=\($0.userID)" }.joined(separator: ", ")
        )
        block.add("language", contact.alertLanguage == .unspecified ? "auto" : contact.alertLanguage.cliName)
        block.add("system notifications", contact.receiveSystemNotifications ? "yes" : "no")
        block.add(
            "phone fallback",
            contact.phoneFallback == .unspecified ? "tenant-default" : contact.phoneFallback.cliName
        )
        block.add("alternate", contact.alternateContactID.isEmpty ? "-" : contact.alternateContactID)
        block.add("principal", contact.principal.map(principal) ?? "-")
        block.add(
            "preferred channels",
            contact.preferredChannels.isEmpty
                ? "- (every channel except phone-call)"
                : contact.preferredChannels.map(\.cliName).joined(separator: ", ")
        )
        if let groupIDs { block.add("groups", groupIDs.isEmpty ? "-" : groupIDs.joined(separator: ", ")) }
        block.add("version", "\(contact.version)")
        block.add("created", iso8601(unixMilliseconds: contact.createTimeUnixMs))
        block.add("updated", iso8601(unixMilliseconds: contact.updateTimeUnixMs))
        return block.rendered
    }

    /// Contacts as a table, one per line; `no contacts` for none.
    static func table(_ contacts: [Contact]) -> String {
        guard !contacts.isEmpty else { return "no contacts" }
        var table = Table("ID", "NAME", "PHONE", "EMAIL", "WEBHOOKS", "IM", "VERSION")
        for contact in contacts {
            table.add(
                contact.id,
                contact.name,
                method(contact.phone, contact.phoneStatus),
                method(contact.email, contact.emailStatus),
                "\(contact.webhooks.count)",
                contact.imAccounts.isEmpty ? "-" : contact.imAccounts.map(\.platform.cliName).joined(separator: ","),
                "\(contact.version)"
            )
        }
        return table.rendered
    }

    /// A phone number or email address with its state: `+8613912345678 (unverified)`,
    /// `zw@example.com (disabled: left the company)`; `-` when there is none.
    static func method(_ address: String, _ status: ContactMethodStatus?) -> String {
        guard !address.isEmpty else { return "-" }
        let status = status ?? ContactMethodStatus()
        switch status.state {
        case .unspecified: return address
        case .verified where status.verifiedTimeUnixMs != 0:
            return "\(address) (verified \(iso8601(unixMilliseconds: status.verifiedTimeUnixMs)))"
        case .disabled where !status.disabledReason.isEmpty:
            return "\(address) (disabled: \(status.disabledReason))"
        default: return "\(address) (\(status.state.cliName))"
        }
    }

    /// `wh_1 dingtalk https://… (secret set, name "DBA on-call")`.
    static func webhook(_ webhook: Webhook) -> String {
        var notes: [String] = []
        switch webhook.auth {
        case .keyword(let keyword): notes.append("keyword \"\(keyword)\"")
        case .signingSecret, nil: if webhook.secretSet { notes.append("secret set") }
        }
        if !webhook.displayName.isEmpty { notes.append("name \"\(webhook.displayName)\"") }
        let id = webhook.id.isEmpty ? "" : webhook.id + " "
        return "\(id)\(webhook.kind.cliName) \(webhook.url)"
            + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
    }

    /// `role 3012345678901234 (On-call team)`.
    static func principal(_ principal: Principal) -> String {
        "\(principal.kind.cliName) \(principal.id)"
            + (principal.displayName.isEmpty ? "" : " (\(principal.displayName))")
    }

    /// What `contact delete` cleaned up.
    static func deletion(id: String, _ response: DeleteContactResponse) -> String {
        var lines = ["deleted \(id)"]
        if !response.removedFromGroupIDs.isEmpty {
            lines.append("removed from groups: " + response.removedFromGroupIDs.joined(separator: ", "))
        }
        if !response.removedFromRuleIDs.isEmpty {
            lines.append("removed from rules: " + response.removedFromRuleIDs.joined(separator: ", "))
        }
        if !response.clearedAlternateContactIDs.isEmpty {
            lines.append("no longer the alternate of: " + response.clearedAlternateContactIDs.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// The per-id results of `contact delete-many` and a count of each outcome.
    static func batchDeletion(_ response: BatchDeleteContactsResponse) -> String {
        var table = Table("ID", "RESULT", "MESSAGE")
        var failed = 0
        for result in response.results {
            let status = result.status ?? Status()
            if status.code != .ok { failed += 1 }
            table.add(result.id, status.code == .ok ? "deleted" : status.code.shortName, status.message)
        }
        return table.rendered + "\n\(response.results.count - failed) deleted, \(failed) failed"
    }
}
