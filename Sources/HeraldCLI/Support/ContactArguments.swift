import ArgumentParser
import Foundation
import HeraldProtos

/// Parsers for the contact values given on the command line as compact text. They check only
/// the syntax; the values themselves (URL scheme, id lengths, …) are the server's to judge, and
/// its field violations name the offending field.
enum ContactArguments {
    /// The flags that set the fields of a contact, for naming them next to field violations.
    static let contactFieldFlags: [String: String] = [
        "contact.name": "--name", "contact.phone": "--phone", "contact.email": "--email",
        "contact.webhooks": "--webhook", "contact.im_accounts": "--im", "contact.alert_language": "--language",
        "contact.phone_fallback": "--phone-fallback", "contact.alternate_contact_id": "--alternate",
        "contact.principal": "--principal", "contact.preferred_channels": "--preferred-channel",
    ]

    /// The syntax of `--webhook`.
    static let webhookSyntax = "KIND=URL[,secret=SECRET|,keyword=WORD][,name=LABEL][,id=WEBHOOK_ID]"

    private static let webhookKeys = ["secret", "keyword", "name", "id"]

    /// Parses `KIND=URL[,secret=…|,keyword=…][,name=…][,id=…]`, e.g.
    /// `dingtalk=https://oapi.dingtalk.com/robot/send?access_token=abc,secret=SEC123,name=DBA`.
    ///
    /// The URL and the values may contain commas, except right before `secret=`, `keyword=`,
    /// `name=` or `id=`. `id=` keeps an existing webhook on update; with it, an empty `secret=`
    /// keeps the stored secret.
    ///
    /// - Throws: `ValidationError` for text not in that shape.
    static func webhook(_ text: String) throws -> Webhook {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError(
                "expected \(webhookSyntax), e.g. dingtalk=https://oapi.dingtalk.com/robot/send?access_token=…"
            )
        }
        let kindText = String(text[..<equals])
        let kind: WebhookKind
        do {
            kind = try WebhookKind.cliValue(kindText)
        } catch {
            throw ValidationError("unknown webhook kind '\(kindText)': expected \(WebhookKind.cliChoices)")
        }
        let pieces = splitAttributes(text[text.index(after: equals)...])
        var webhook = Webhook(kind: kind, url: String(pieces[0]))
        var seen: Set<String> = []
        for piece in pieces.dropFirst() {
            let separator = piece.firstIndex(of: "=")!
            let key = String(piece[..<separator])
            let value = String(piece[piece.index(after: separator)...])
            guard seen.insert(key).inserted else { throw ValidationError("\(key)= is given twice") }
            switch key {
            case "secret": webhook.auth = .signingSecret(value)
            case "keyword": webhook.auth = .keyword(value)
            case "name": webhook.displayName = value
            default: webhook.id = value
            }
        }
        if seen.contains("secret") && seen.contains("keyword") {
            throw ValidationError("give secret= or keyword=, not both")
        }
        return webhook
    }

    /// Splits `URL,key=value,key=value` before each `,key=` of a known key.
    private static func splitAttributes(_ text: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == ",", webhookKeys.contains(where: { text[next...].hasPrefix($0 + "=") }) {
                pieces.append(text[start..<index])
                start = next
            }
            index = next
        }
        pieces.append(text[start...])
        return pieces
    }

    /// Parses `PLATFORM=USER_ID`, e.g. `dingtalk=manager1234`.
    ///
    /// - Throws: `ValidationError` for text not in that shape or an unknown platform.
    static func imAccount(_ text: String) throws -> ImAccount {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("expected PLATFORM=USER_ID, e.g. dingtalk=manager1234")
        }
        let platformText = String(text[..<equals])
        do {
            return ImAccount(
                platform: try ImPlatform.cliValue(platformText),
                userID: String(text[text.index(after: equals)...])
            )
        } catch {
            throw ValidationError("unknown IM platform '\(platformText)': expected \(ImPlatform.cliChoices)")
        }
    }

    /// The syntax of `--principal`.
    static let principalSyntax = "user:ID[:DISPLAY NAME] or role:ID[:DISPLAY NAME]"

    /// Parses `user:ID[:DISPLAY NAME]` or `role:ID[:DISPLAY NAME]`; the id ends at the second
    /// colon, the display name may contain colons.
    ///
    /// - Throws: `ValidationError` for text not in that shape.
    static func principal(_ text: String) throws -> Principal {
        guard let colon = text.firstIndex(of: ":") else {
            throw ValidationError("expected \(principalSyntax), e.g. role:3012345678901234:On-call team")
        }
        let kind: PrincipalKind
        switch text[..<colon].lowercased() {
        case "user": kind = .user
        case "role": kind = .role
        default:
            throw ValidationError(
                "unknown principal kind '\(text[..<colon])': expected user or role (\(principalSyntax))"
            )
        }
        let rest = text[text.index(after: colon)...]
        guard let nameColon = rest.firstIndex(of: ":") else {
            return Principal(kind: kind, id: String(rest))
        }
        return Principal(
            kind: kind,
            id: String(rest[..<nameColon]),
            displayName: String(rest[rest.index(after: nameColon)...])
        )
    }

    /// Parses comma-separated country calling codes, `86,1` (a leading `+` is allowed); `none`
    /// or the empty string is the empty list (no phone calls at all).
    ///
    /// - Throws: `ValidationError` for anything that is not a list of numbers.
    static func countryCodes(_ text: String) throws -> [UInt32] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return [] }
        return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let digits = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let code = UInt32(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) else {
                throw ValidationError(
                    "expected comma-separated country calling codes such as 86,1 (or none), not '\(item)'"
                )
            }
            return code
        }
    }
}
