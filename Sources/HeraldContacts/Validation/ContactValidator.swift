import HeraldProtos
import HeraldServiceKit

/// Checks and normalizes the fields of a contact in a create or update request.
///
/// Starts from the stored contact (update) or an empty one (create), applies the fields the
/// request names, and records every problem as a field violation under `contact.…`. The
/// checks that need the table (uniqueness, the alternate contact, quotas) are made by the
/// caller inside its transaction.
struct ContactValidator {
    static let allFields = [
        "name", "phone", "email", "webhooks", "im_accounts", "alert_language", "receive_system_notifications",
        "phone_fallback", "alternate_contact_id", "principal", "preferred_channels",
    ]
    static let maxWebhooks = 10

    var violations = Violations()
    /// Makes ids for new webhooks.
    let makeWebhookID: () -> String

    /// The contact with the named fields of `input` applied.
    ///
    /// - Parameters:
    ///   - input: the request's contact.
    ///   - base: the stored contact for an update; nil for a create.
    ///   - fields: the fields to take from `input`.
    mutating func apply(_ input: Contact, onto base: Contact?, fields: Set<String>) -> Contact {
        var contact = base ?? Contact()
        if fields.contains("name") {
            switch TextRules.check(input.name, minimum: 1, maximum: 100) {
            case .success(let name): contact.name = name
            case .failure(let problem): violations.add("contact.name", problem.description)
            }
        }
        if fields.contains("phone") {
            if input.phone.trimmedWhitespace.isEmpty {
                contact.phone = ""
            } else {
                switch PhoneNumber.parse(input.phone) {
                case .success(let number): contact.phone = number.description
                case .failure(let problem): violations.add("contact.phone", problem.description)
                }
            }
        }
        if fields.contains("email") {
            if input.email.trimmedWhitespace.isEmpty {
                contact.email = ""
            } else {
                switch EmailAddress.normalize(input.email) {
                case .success(let email): contact.email = email
                case .failure(let problem): violations.add("contact.email", problem.description)
                }
            }
        }
        if fields.contains("webhooks") {
            contact.webhooks = webhooks(input.webhooks, stored: base?.webhooks)
        }
        if fields.contains("im_accounts") {
            contact.imAccounts = imAccounts(input.imAccounts)
        }
        if fields.contains("alert_language") {
            switch input.alertLanguage {
            case .unspecified: contact.alertLanguage = .auto
            case .unrecognized(let value): violations.add("contact.alert_language", "unknown value \(value)")
            default: contact.alertLanguage = input.alertLanguage
            }
        }
        if fields.contains("receive_system_notifications") {
            contact.receiveSystemNotifications = input.receiveSystemNotifications
        }
        if fields.contains("phone_fallback") {
            switch input.phoneFallback {
            case .unspecified: contact.phoneFallback = .tenantDefault
            case .unrecognized(let value): violations.add("contact.phone_fallback", "unknown value \(value)")
            default: contact.phoneFallback = input.phoneFallback
            }
        }
        if fields.contains("alternate_contact_id") {
            contact.alternateContactID = input.alternateContactID.trimmedWhitespace
        }
        if fields.contains("principal") {
            if let given = input.principal {
                contact.principal = principal(given)
            } else {
                contact.principal = nil
            }
        }
        if fields.contains("preferred_channels") {
            contact.preferredChannels = preferredChannels(input.preferredChannels)
        }
        if contact.phone.isEmpty && contact.email.isEmpty && contact.webhooks.isEmpty && contact.imAccounts.isEmpty {
            violations.add("contact", "give at least one of phone, email, webhooks or im_accounts")
        }
        return contact
    }

    // MARK: Webhooks

    /// - Parameter stored: the contact's webhooks on an update; nil on a create, where ids are
    ///   output only and every webhook is new.
    private mutating func webhooks(_ input: [Webhook], stored: [Webhook]?) -> [Webhook] {
        if input.count > Self.maxWebhooks {
            violations.add("contact.webhooks", "at most \(Self.maxWebhooks) webhooks")
        }
        var result: [Webhook] = []
        var urls: Set<String> = []
        for (index, webhook) in input.enumerated() {
            let path = "contact.webhooks[\(index)]"
            var checked = Webhook()
            let previous: Webhook?
            if webhook.id.isEmpty || stored == nil {
                checked.id = makeWebhookID()
                previous = nil
            } else if let match = stored?.first(where: { $0.id == webhook.id }) {
                checked.id = webhook.id
                previous = match
            } else {
                violations.add("\(path).id", "this contact has no webhook \(webhook.id); omit the id for a new webhook")
                previous = nil
            }
            switch webhook.kind {
            case .unspecified, .unrecognized:
                violations.add("\(path).kind", "one of DINGTALK, WECOM, LARK, ARMS, GENERIC is required")
            default:
                checked.kind = webhook.kind
            }
            switch WebhookURL.check(webhook.url) {
            case .success(let url):
                checked.url = url
                if !urls.insert(url).inserted { violations.add("\(path).url", "the same URL is listed twice") }
            case .failure(let problem):
                violations.add("\(path).url", problem.description)
            }
            switch webhook.auth {
            case .signingSecret(let secret)?:
                if secret.isEmpty {
                    // Present but empty keeps the stored secret of an existing webhook.
                    if case .signingSecret(let stored)? = previous?.auth {
                        checked.auth = .signingSecret(stored)
                    } else {
                        violations.add("\(path).signing_secret", "required for a new webhook (1–256 characters)")
                    }
                } else if secret.count > 256
                    || secret.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                {
                    violations.add("\(path).signing_secret", "1–256 characters without control characters")
                } else {
                    checked.auth = .signingSecret(secret)
                }
            case .keyword(let keyword)?:
                switch TextRules.check(keyword, minimum: 1, maximum: 64) {
                case .success(let keyword): checked.auth = .keyword(keyword)
                case .failure(let problem): violations.add("\(path).keyword", problem.description)
                }
            case nil:
                checked.auth = nil
            }
            switch TextRules.check(webhook.displayName, maximum: 100) {
            case .success(let name): checked.displayName = name
            case .failure(let problem): violations.add("\(path).display_name", problem.description)
            }
            result.append(checked)
        }
        return result
    }

    // MARK: IM accounts, principal, channels

    private mutating func imAccounts(_ input: [ImAccount]) -> [ImAccount] {
        var platforms: Set<Int32> = []
        var result: [ImAccount] = []
        for (index, account) in input.enumerated() {
            let path = "contact.im_accounts[\(index)]"
            switch account.platform {
            case .unspecified, .unrecognized:
                violations.add("\(path).platform", "one of DINGTALK, LARK, WECOM is required")
            default:
                if !platforms.insert(account.platform.rawValue).inserted {
                    violations.add("\(path).platform", "one account per platform")
                }
            }
            let userID = account.userID.trimmedWhitespace
            if !(1...128).contains(userID.count)
                || userID.unicodeScalars.contains(where: {
                    $0.properties.isWhitespace || $0.properties.generalCategory == .control
                })
            {
                violations.add("\(path).user_id", "1–128 characters without spaces or control characters")
            }
            result.append(ImAccount(platform: account.platform, userID: userID))
        }
        return result
    }

    private mutating func principal(_ input: Principal) -> Principal {
        var principal = Principal()
        switch input.kind {
        case .user, .role: principal.kind = input.kind
        default: violations.add("contact.principal.kind", "USER or ROLE is required")
        }
        let id = input.id.trimmedWhitespace
        if !(1...128).contains(id.count) || id.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            violations.add("contact.principal.id", "1–128 characters without spaces")
        }
        principal.id = id
        switch TextRules.check(input.displayName, maximum: 100) {
        case .success(let name): principal.displayName = name
        case .failure(let problem): violations.add("contact.principal.display_name", problem.description)
        }
        return principal
    }

    private mutating func preferredChannels(_ input: [Channel]) -> [Channel] {
        var seen: Set<Int32> = []
        for (index, channel) in input.enumerated() {
            switch channel {
            case .unspecified, .unrecognized:
                violations.add("contact.preferred_channels[\(index)]", "not a channel")
            default:
                if !seen.insert(channel.rawValue).inserted {
                    violations.add("contact.preferred_channels[\(index)]", "listed twice")
                }
            }
        }
        return input
    }
}

/// Webhook endpoints: absolute `https://` URLs with a host.
enum WebhookURL {
    static func check(_ input: String) -> Result<String, TextRules.TextProblem> {
        let url = input.trimmedWhitespace
        guard !url.isEmpty else { return .failure(.init(description: "required")) }
        guard url.count <= 2048 else { return .failure(.init(description: "at most 2048 characters")) }
        guard url.lowercased().hasPrefix("https://") else {
            return .failure(.init(description: "must be an https:// URL"))
        }
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(.init(description: "must not contain spaces or control characters"))
        }
        let rest = url.dropFirst("https://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPart = authority.split(separator: "@").last.map(String.init) ?? ""
        let host: Substring
        if hostPart.hasPrefix("[") {
            host = hostPart.prefix { $0 != "]" }.dropFirst()
        } else {
            host = hostPart.split(separator: ":", omittingEmptySubsequences: false).first ?? ""
        }
        guard !host.isEmpty else { return .failure(.init(description: "needs a host, e.g. https://example.com/hook")) }
        return .success("https://" + rest)
    }
}
