import ArgumentParser
import HeraldProtos
import HeraldRPC

/// `herald contact create --name …`: ContactService/CreateContact.
struct ContactCreateCommand: RPCCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a contact.",
        discussion: """
            A contact needs at least one of --phone, --email, --webhook or --im. Phone and email \
            start unverified: they receive alerts only once verified. The server checks every \
            value and names the offending field when it refuses one.

            Examples:
              herald contact create --name 'Zhang Wei' --phone '+86 139 1234 5678' \\
                  --email zw@example.com --group grp_…
              herald contact create --name 'DBA on-call' --language chinese \\
                  --webhook 'dingtalk=https://oapi.dingtalk.com/robot/send?…,secret=SEC…' \\
                  --im dingtalk=manager1234
            """
    )

    @Option(help: "Display name, 1–100 characters.")
    var name: String

    @Option(help: "Mobile phone number with country code, e.g. '+86 139 1234 5678'.")
    var phone: String?

    @Option(help: "Email address.")
    var email: String?

    @Option(
        help: ArgumentHelp(
            "A webhook, \(ContactArguments.webhookSyntax); repeat for more. KIND: \(WebhookKind.cliChoices).",
            valueName: "kind=url"
        ),
        transform: { try ContactArguments.webhook($0) }
    )
    var webhook: [Webhook] = []

    @Option(
        help: ArgumentHelp(
            "An IM account, PLATFORM=USER_ID; repeat for more. PLATFORM: \(ImPlatform.cliChoices).",
            valueName: "platform=user-id"
        ),
        transform: { try ContactArguments.imAccount($0) }
    )
    var im: [ImAccount] = []

    @Option(
        help: "Language of the contact's alerts: \(AlertLanguage.cliChoices) (default auto).",
        transform: {
            try AlertLanguage.cliValue($0)
        }
    )
    var language: AlertLanguage?

    @Flag(help: "Also receive system notifications (events of type system.*).")
    var systemNotifications = false

    @Option(
        help: ArgumentHelp(
            "When a phone call fails: \(PhoneFallback.cliChoices) (default tenant-default).",
            valueName: "fallback"
        ),
        transform: { try PhoneFallback.cliValue($0) }
    )
    var phoneFallback: PhoneFallback?

    @Option(help: ArgumentHelp("Contact who is alerted when this one cannot be reached.", valueName: "contact-id"))
    var alternate: String?

    @Option(
        help: ArgumentHelp(
            "The identity principal the contact stands for, \(ContactArguments.principalSyntax).",
            valueName: "principal"
        ),
        transform: { try ContactArguments.principal($0) }
    )
    var principal: Principal?

    @Option(
        help: ArgumentHelp(
            "A preferred channel, for rules that name none; repeat for more: \(Channel.cliChoices).",
            valueName: "channel"
        ),
        transform: { try Channel.cliValue($0) }
    )
    var preferredChannel: [Channel] = []

    @Option(help: ArgumentHelp("An existing group to add the contact to; repeat for more.", valueName: "group-id"))
    var group: [String] = []

    @Option(help: ArgumentHelp("Makes the call safe to repeat: a repeat gets the first result.", valueName: "key"))
    var idempotencyKey: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    static let fieldFlags = FieldFlags(ContactArguments.contactFieldFlags.merging(["group_ids": "--group"]) { $1 })

    /// The request the flags describe.
    var request: CreateContactRequest {
        CreateContactRequest(
            contact: Contact(
                name: name,
                phone: phone ?? "",
                email: email ?? "",
                webhooks: webhook,
                imAccounts: im,
                alertLanguage: language ?? .unspecified,
                receiveSystemNotifications: systemNotifications,
                phoneFallback: phoneFallback ?? .unspecified,
                alternateContactID: alternate ?? "",
                principal: principal,
                preferredChannels: preferredChannel
            ),
            groupIDs: group
        )
    }

    func execute(on channel: any RPCChannel) async throws -> CommandOutput {
        let response = try await ContactServiceClient(channel: channel)
            .createContact(request, options: CallOptions(idempotencyKey: idempotencyKey))
        if output.json { return CommandOutput(text: response.jsonString(pretty: true)) }
        return CommandOutput(text: ContactOutput.details(response.contact ?? Contact(), groupIDs: response.groupIDs))
    }
}
