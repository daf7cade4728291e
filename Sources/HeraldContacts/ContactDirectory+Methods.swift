public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension ContactDirectory {
    public func disableContactMethod(
        _ request: DisableContactMethodRequest,
        context: ServerContext
    ) async throws
        -> DisableContactMethodResponse
    {
        let reason: String
        switch TextRules.check(request.reason, maximum: 200) {
        case .success(let text): reason = text
        case .failure(let problem): throw RPCError.invalidArgument(field: "reason", problem.description)
        }
        let contact = try await changeMethod(
            request.method,
            contactID: request.contactID,
            tenant: context.tenant,
            expectedVersion: request.expectedVersion
        ) { status, _ in
            status.state = .disabled
            status.disabledReason = reason
        }
        return DisableContactMethodResponse(contact: Self.publicView(contact))
    }

    public func enableContactMethod(
        _ request: EnableContactMethodRequest,
        context: ServerContext
    ) async throws
        -> EnableContactMethodResponse
    {
        let contact = try await changeMethod(
            request.method,
            contactID: request.contactID,
            tenant: context.tenant,
            expectedVersion: request.expectedVersion
        ) { status, _ in
            guard status.state == .disabled else { return }
            status.state = .unverified
            status.disabledReason = ""
            status.verifiedTimeUnixMs = 0
        }
        return EnableContactMethodResponse(contact: Self.publicView(contact))
    }

    /// Records the outcome of a verification (the verification service's way to change a
    /// method's state; no RPC does it directly).
    ///
    /// - Parameters:
    ///   - state: PENDING (a challenge was sent), VERIFIED (it was confirmed) or UNVERIFIED
    ///     (the challenge expired or was killed).
    ///   - address: the phone (E.164) or email the challenge was for; if the contact's address
    ///     has changed since, nothing changes and FAILED_PRECONDITION is thrown.
    /// - Returns: the contact after the change.
    /// - Throws: NOT_FOUND; FAILED_PRECONDITION (address changed, or the method is disabled).
    @discardableResult
    public func recordVerification(
        _ state: MethodState,
        method: ContactMethodKind,
        address: String,
        contactID: String,
        tenant: String
    ) async throws -> Contact {
        guard [.pending, .verified, .unverified].contains(state) else {
            throw RPCError(code: .internal, message: "a verification cannot set \(state)")
        }
        let now = clock.nowUnixMilliseconds()
        return try await changeMethod(method, contactID: contactID, tenant: tenant, expectedVersion: 0) {
            status,
            current in
            guard current == address else {
                throw RPCError(code: .failedPrecondition, message: "the \(method) of contact \(contactID) has changed")
            }
            guard status.state != .disabled else {
                throw RPCError(code: .failedPrecondition, message: "the \(method) of contact \(contactID) is disabled")
            }
            status.state = state
            if state == .verified { status.verifiedTimeUnixMs = now }
        }
    }

    /// Changes the status of the contact's phone or email in one transaction; bumps version
    /// and times only when something changed.
    private func changeMethod(
        _ method: ContactMethodKind,
        contactID: String,
        tenant: String,
        expectedVersion: UInt64,
        change: @escaping (inout ContactMethodStatus, _ address: String) throws -> Void
    ) async throws -> Contact {
        guard method == .phone || method == .email else {
            throw RPCError.invalidArgument(field: "method", "PHONE or EMAIL")
        }
        let now = clock.nowUnixMilliseconds()
        return try await table.transaction { transaction in
            var contact = try Self.load(contactID, tenant: tenant, in: &transaction)
            try Self.checkVersion(expectedVersion, of: contact)
            let address = method == .phone ? contact.phone : contact.email
            guard !address.isEmpty else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "contact \(contactID) has no \(method == .phone ? "phone" : "email")"
                )
            }
            var status = (method == .phone ? contact.phoneStatus : contact.emailStatus) ?? Self.unverified(at: now)
            let before = status
            try change(&status, address)
            guard status != before else { return contact }
            status.stateChangeTimeUnixMs = now
            if method == .phone { contact.phoneStatus = status } else { contact.emailStatus = status }
            contact.version += 1
            contact.updateTimeUnixMs = now
            transaction.put(ContactKeys.contact(tenant, contactID), try encodeStored(contact))
            return contact
        }
    }
}

extension ContactDirectory: ContactServiceHandler {}
