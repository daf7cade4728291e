import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact update ID …`: ContactService/UpdateContact with the mask of the flags given.
struct ContactUpdateCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some fields of a contact.",
        discussion: """
            Only the fields whose flags you give are changed: the flags make the request's \
            update_mask, and every other field keeps its value. --webhook, --im and \
            --preferred-channel replace the whole list. The --clear-… flags remove a value (the \
            contact must keep at least one way to reach it). A changed phone or email becomes \
            unverified again.

            A webhook given with the id of an existing one (id=wh_…) is kept rather than \
            replaced; with it, an empty secret= keeps the stored signing secret.

            Examples:
              herald contact update ct_… --phone '+86 139 8765 4321' --expected-version 3
              herald contact update ct_… --clear-email --no-system-notifications
            """
    )

    @Argument(help: ArgumentHelp("The contact's id.", valueName: "contact-id"))
    var id: String

    @Option(help: "New display name.")
    var name: String?

    @Option(help: "New mobile phone number with country code.")
    var phone: String?

    @Flag(help: "Remove the phone number.")
    var clearPhone = false

    @Option(help: "New email address.")
    var email: String?

    @Flag(help: "Remove the email address.")
    var clearEmail = false

    @Option(
        help: ArgumentHelp(
            "Webhooks, replacing all: \(ContactArguments.webhookSyntax); repeat for more. KIND: \(WebhookKind.cliChoices).",
            valueName: "kind=url"
        ),
        transform: { try ContactArguments.webhook($0) }
    )
    var webhook: [Webhook] = []

    @Flag(help: "Remove every webhook.")
    var clearWebhooks = false

    @Option(
        help: ArgumentHelp(
            "IM accounts, replacing all: PLATFORM=USER_ID; repeat for more. PLATFORM: \(ImPlatform.cliChoices).",
            valueName: "platform=user-id"
        ),
        transform: { try ContactArguments.imAccount($0) }
    )
    var im: [ImAccount] = []

    @Flag(help: "Remove every IM account.")
    var clearIm = false

    @Option(
        help: "Language of the contact's alerts: \(AlertLanguage.cliChoices).",
        transform: {
            try AlertLanguage.cliValue($0)
        }
    )
    var language: AlertLanguage?

    @Flag(inversion: .prefixedNo, help: "Whether the contact receives system notifications.")
    var systemNotifications: Bool?

    @Option(
        help: ArgumentHelp("When a phone call fails: \(PhoneFallback.cliChoices).", valueName: "fallback"),
        transform: { try PhoneFallback.cliValue($0) }
    )
    var phoneFallback: PhoneFallback?

    @Option(help: ArgumentHelp("Contact who is alerted when this one cannot be reached.", valueName: "contact-id"))
    var alternate: String?

    @Flag(help: "Remove the alternate contact.")
    var clearAlternate = false

    @Option(
        help: ArgumentHelp("The identity principal, \(ContactArguments.principalSyntax).", valueName: "principal"),
        transform: { try ContactArguments.principal($0) }
    )
    var principal: Principal?

    @Flag(help: "Unlink the identity principal.")
    var clearPrincipal = false

    @Option(
        help: ArgumentHelp(
            "Preferred channels, replacing all; repeat for more: \(Channel.cliChoices).",
            valueName: "channel"
        ),
        transform: { try Channel.cliValue($0) }
    )
    var preferredChannel: [Channel] = []

    @Flag(help: "Remove the preferred channels (rules then use every channel except phone-call).")
    var clearPreferredChannels = false

    @Option(
        help: ArgumentHelp("Only update if the contact is still at this version (0: no check).", valueName: "version")
    )
    var expectedVersion: UInt64?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(ContactArguments.contactFieldFlags)

    func validate() throws {
        let pairs: [(given: Bool, clear: Bool, flags: String)] = [
            (phone != nil, clearPhone, "--phone and --clear-phone"),
            (email != nil, clearEmail, "--email and --clear-email"),
            (!webhook.isEmpty, clearWebhooks, "--webhook and --clear-webhooks"),
            (!im.isEmpty, clearIm, "--im and --clear-im"),
            (alternate != nil, clearAlternate, "--alternate and --clear-alternate"),
            (principal != nil, clearPrincipal, "--principal and --clear-principal"),
            (!preferredChannel.isEmpty, clearPreferredChannels, "--preferred-channel and --clear-preferred-channels"),
        ]
        for pair in pairs where pair.given && pair.clear {
            throw ValidationError("\(pair.flags) cannot be used together")
        }
        if request.updateMask.isEmpty {
            throw ValidationError(
                "nothing to update: give the fields to change, e.g. --name, --phone, --email, --webhook, --im, "
                    + "--language, --system-notifications, --phone-fallback, --alternate, --principal, "
                    + "--preferred-channel or a --clear-… flag"
            )
        }
    }

    /// The request the flags describe: the new values, and the mask naming exactly the fields
    /// whose flags were given, in the order of the `Contact` message.
    var request: UpdateContactRequest {
        var contact = Contact(id: id)
        var mask: [String] = []
        if let name {
            contact.name = name
            mask.append("name")
        }
        if phone != nil || clearPhone {
            contact.phone = phone ?? ""
            mask.append("phone")
        }
        if email != nil || clearEmail {
            contact.email = email ?? ""
            mask.append("email")
        }
        if !webhook.isEmpty || clearWebhooks {
            contact.webhooks = webhook
            mask.append("webhooks")
        }
        if !im.isEmpty || clearIm {
            contact.imAccounts = im
            mask.append("im_accounts")
        }
        if let language {
            contact.alertLanguage = language
            mask.append("alert_language")
        }
        if let systemNotifications {
            contact.receiveSystemNotifications = systemNotifications
            mask.append("receive_system_notifications")
        }
        if let phoneFallback {
            contact.phoneFallback = phoneFallback
            mask.append("phone_fallback")
        }
        if alternate != nil || clearAlternate {
            contact.alternateContactID = alternate ?? ""
            mask.append("alternate_contact_id")
        }
        if principal != nil || clearPrincipal {
            contact.principal = principal
            mask.append("principal")
        }
        if !preferredChannel.isEmpty || clearPreferredChannels {
            contact.preferredChannels = preferredChannel
            mask.append("preferred_channels")
        }
        return UpdateContactRequest(contact: contact, updateMask: mask, expectedVersion: expectedVersion ?? 0)
    }

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel).updateContact(request)
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.details(response.contact ?? Contact()))
    }
}
