import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldWire
import Testing

/// The state of a contact's phone and email: UNVERIFIED → PENDING → VERIFIED, or DISABLED
/// with a reason. The verification service moves it (`recordVerification`), admins disable
/// and enable it, and a new address starts it over; nothing else does.
@Suite struct MethodStateTests {
    /// A state a method is brought to before the action.
    enum Start: Sendable {
        case unverified, pending, verified, disabled
    }

    /// What happens to the method.
    enum Action: Sendable, Equatable {
        case record(MethodState)
        case disable, enable, newAddress, sameAddress
    }

    /// Start, action and the state after it; nil: refused with FAILED_PRECONDITION.
    static let transitions: [(Start, Action, MethodState?)] = [
        (.unverified, .record(.pending), .pending), (.unverified, .record(.verified), .verified),
        (.unverified, .record(.unverified), .unverified), (.unverified, .disable, .disabled),
        (.unverified, .enable, .unverified), (.unverified, .newAddress, .unverified),
        (.pending, .record(.pending), .pending), (.pending, .record(.verified), .verified),
        (.pending, .record(.unverified), .unverified), (.pending, .disable, .disabled), (.pending, .enable, .pending),
        (.pending, .newAddress, .unverified), (.pending, .sameAddress, .pending),
        (.verified, .disable, .disabled), (.verified, .enable, .verified), (.verified, .newAddress, .unverified),
        (.verified, .sameAddress, .verified),
        (.disabled, .record(.pending), nil), (.disabled, .record(.verified), nil),
        (.disabled, .record(.unverified), nil),
        (.disabled, .disable, .disabled), (.disabled, .enable, .unverified), (.disabled, .newAddress, .unverified),
    ]

    /// The addresses of the contact under test, and a second one for each method.
    static let addresses: [ContactMethodKind: (String, String)] = [
        .phone: ("+8613912345678", "+8613800000001"), .email: ("first@example.com", "second@example.com"),
    ]

    @Test(arguments: [ContactMethodKind.phone, .email], transitions)
    func transition(_ method: ContactMethodKind, _ row: (Start, Action, MethodState?)) async throws {
        let (start, action, expected) = row
        try await ContactsFixture.with { fixture in
            let (address, newAddress) = try #require(Self.addresses[method])
            let created = try await fixture.contacts.create(
                phone: try #require(Self.addresses[.phone]?.0),
                email: try #require(Self.addresses[.email]?.0)
            )
            let directory = fixture.contacts
            let record: @Sendable (MethodState) async throws -> Void = { state in
                try await directory.recordVerification(
                    state,
                    method: method,
                    address: address,
                    contactID: created.id,
                    tenant: "acme"
                )
            }
            let disable: @Sendable (String) async throws -> Void = { reason in
                let request = DisableContactMethodRequest(contactID: created.id, method: method, reason: reason)
                _ = try await directory.disableContactMethod(request, context: context())
            }
            switch start {
            case .unverified: break
            case .pending: try await record(.pending)
            case .verified: try await record(.verified)
            case .disabled: try await disable("first reason")
            }
            fixture.clock.advance(milliseconds: 1_000)
            let before = try #require(try directory.contact(created.id, tenant: "acme"))
            let field = method == .phone ? "phone" : "email"

            let outcome: RPCError?
            do {
                switch action {
                case .record(let state): try await record(state)
                case .disable: try await disable("second reason")
                case .enable:
                    let request = EnableContactMethodRequest(contactID: created.id, method: method)
                    _ = try await directory.enableContactMethod(request, context: context())
                case .newAddress, .sameAddress:
                    _ = try await directory.update(created.id, [field, "name"]) {
                        $0.name = "Renamed"
                        if method == .phone {
                            $0.phone = action == .sameAddress ? address : newAddress
                        } else {
                            $0.email = action == .sameAddress ? address : newAddress
                        }
                    }
                }
                outcome = nil
            } catch let error as RPCError {
                outcome = error
            }
            let after = try #require(try directory.contact(created.id, tenant: "acme"))
            let status = method == .phone ? after.phoneStatus : after.emailStatus
            guard let expected else {
                #expect(outcome?.code == .failedPrecondition, "\(String(describing: outcome))")
                #expect(after == before, "a refused change writes nothing")
                return
            }
            #expect(outcome == nil, "\(String(describing: outcome))")
            #expect(status?.state == expected)
            #expect(status?.disabledReason == (expected == .disabled ? "second reason" : ""))
            // Disabling keeps the time the address was verified; enabling or a new address clears it.
            let verifiedTimeKept = expected == .verified || (start == .verified && action == .disable)
            #expect(((status?.verifiedTimeUnixMs ?? 0) != 0) == verifiedTimeKept)
            let changed = status != (method == .phone ? before.phoneStatus : before.emailStatus)
            if changed {
                #expect(status?.stateChangeTimeUnixMs == fixture.clock.nowUnixMilliseconds())
            }
            #expect((after.version > before.version) == (after != before), "version moves with every change")
            let listed = try await directory.listContacts(
                method == .phone
                    ? ListContactsRequest(phoneState: expected) : ListContactsRequest(emailState: expected),
                context: context()
            )
            #expect(listed.contacts.map(\.id) == [created.id], "the list filter sees the state")
        }
    }

    @Test(
        arguments: [
            (DisableContactMethodRequest(method: .phone, reason: ""), nil),
            (DisableContactMethodRequest(method: .email, reason: String(repeating: "r", count: 200)), nil),
            (DisableContactMethodRequest(method: .unspecified, reason: "x"), "method"),
            (DisableContactMethodRequest(method: .unrecognized(3), reason: "x"), "method"),
            (DisableContactMethodRequest(method: .email, reason: String(repeating: "r", count: 201)), "reason"),
            (DisableContactMethodRequest(method: .email, reason: "line\nbreak"), "reason"),
        ] as [(DisableContactMethodRequest, String?)]
    )
    func disableRequests(_ request: DisableContactMethodRequest, _ field: String?) async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create(phone: "+8613912345678", email: "a@example.com")
            var request = request
            request.contactID = contact.id
            if let field {
                await expectRPCError(.invalidArgument, field: field) {
                    _ = try await fixture.contacts.disableContactMethod(request, context: context())
                }
            } else {
                _ = try await fixture.contacts.disableContactMethod(request, context: context())
            }
        }
    }

    @Test(arguments: [ContactMethodKind.unspecified, .unrecognized(7)])
    func enableNeedsAMethod(_ method: ContactMethodKind) async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create(email: "a@example.com")
            await expectRPCError(.invalidArgument, field: "method") {
                let request = EnableContactMethodRequest(contactID: contact.id, method: method)
                _ = try await fixture.contacts.enableContactMethod(request, context: context())
            }
        }
    }

    @Test func statusesSentByCallersAreIgnored() async throws {
        try await ContactsFixture.with { fixture in
            let forged = ContactMethodStatus(state: .verified, verifiedTimeUnixMs: 1)
            let contact = try await fixture.contacts.create(phone: "+8613912345678", email: "a@example.com") {
                $0.phoneStatus = forged
                $0.emailStatus = ContactMethodStatus(state: .pending)
            }
            #expect(contact.phoneStatus?.state == .unverified)
            #expect(contact.emailStatus?.state == .unverified)
            for path in ["phone_status", "email_status"] {
                await expectRPCError(.invalidArgument, field: "update_mask[0]") {
                    _ = try await fixture.contacts.update(contact.id, [path]) { $0.phoneStatus = forged }
                }
            }
        }
    }

    @Test(arguments: [MethodState.unspecified, .disabled, .unrecognized(9)])
    func verificationCannotSet(_ state: MethodState) async throws {
        try await ContactsFixture.with { fixture in
            let contact = try await fixture.contacts.create(email: "a@example.com")
            await expectRPCError(.internal) {
                try await fixture.contacts.recordVerification(
                    state,
                    method: .email,
                    address: "a@example.com",
                    contactID: contact.id,
                    tenant: "acme"
                )
            }
            #expect(try fixture.contacts.contact(contact.id, tenant: "acme") == contact)
        }
    }
}
