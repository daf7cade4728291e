public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire
import Logging

extension ContactDirectory {
    public func createContact(
        _ request: CreateContactRequest,
        context: ServerContext
    ) async throws
        -> CreateContactResponse
    {
        let tenant = context.tenant
        let now = clock.nowUnixMilliseconds()
        var validator = ContactValidator { ResourceID.make(prefix: "wh_", at: now) }
        var contact = validator.apply(request.contact ?? Contact(), onto: nil, fields: Set(ContactValidator.allFields))
        let groupIDs = collapsed(request.groupIDs).map(\.id)
        if groupIDs.count > 20 { validator.violations.add("group_ids", "at most 20 groups") }
        try validator.violations.check()
        if !groupIDs.isEmpty {
            guard let groups else {
                throw RPCError(code: .unavailable, message: "the group service is not available")
            }
            try groups.checkCanJoin(groupIDs: groupIDs, tenant: tenant)
        }
        contact.id = ResourceID.make(prefix: "ct_", at: now)
        contact.phoneStatus = contact.phone.isEmpty ? nil : Self.unverified(at: now)
        contact.emailStatus = contact.email.isEmpty ? nil : Self.unverified(at: now)
        contact.createTimeUnixMs = now
        contact.updateTimeUnixMs = now
        contact.version = 1
        let maxContacts = try UInt64(quotas(tenant: tenant).maxContacts)
        let record = try encodeStored(contact)
        let stored: Contact = try await table.transaction { [contact] transaction in
            try Self.checkUnique(contact, tenant: tenant, in: &transaction)
            try Self.checkAlternate(contact, tenant: tenant, in: &transaction)
            let count = TableKeys.decodeCount(transaction.get(ContactKeys.count(tenant)))
            guard count < maxContacts else {
                throw RPCError(
                    code: .resourceExhausted,
                    message:
                        "the tenant has \(count) contacts, its limit (max_contacts \(maxContacts)); delete some or raise the quota",
                    metadata: ["quota": "max_contacts", "limit": "\(maxContacts)"]
                )
            }
            transaction.put(ContactKeys.contact(tenant, contact.id), record)
            transaction.put(ContactKeys.count(tenant), TableKeys.encodeCount(count + 1))
            if !groupIDs.isEmpty {
                transaction.put(ContactKeys.joining(tenant, contact.id), Array(groupIDs.joined(separator: "\n").utf8))
            }
            return contact
        }
        var joined: [String] = []
        if !groupIDs.isEmpty {
            CrashPoint.reached("contact-created-before-joining")
            joined = try await finishJoining(stored.id, groupIDs: groupIDs, tenant: tenant)
        }
        return CreateContactResponse(contact: Self.publicView(stored), groupIDs: joined)
    }

    /// Joins a new contact to its groups, then deletes the joining intent the create wrote in
    /// the same write as the contact (see ``resumePendingJoins()``).
    private func finishJoining(_ id: String, groupIDs: [String], tenant: String) async throws -> [String] {
        var joined: [String] = []
        // A contact deleted in the meantime joins nothing (its deletion cleaned the groups).
        if let groups, contactExists(id, tenant: tenant) {
            joined = try await groups.join(contactID: id, groupIDs: groupIDs, tenant: tenant)
        }
        try await table.delete(ContactKeys.joining(tenant, id))
        return joined
    }

    /// Finishes group joins of new contacts that a crash interrupted: CreateContact with
    /// `group_ids` writes the contact together with an intent naming the groups, joins them,
    /// then deletes the intent. Call at start-up once the group service is attached.
    ///
    /// - Returns: how many joins were finished.
    @discardableResult
    public func resumePendingJoins() async throws -> Int {
        var finished = 0
        for entry in table.entries(withPrefix: ContactKeys.joinings) {
            guard let (tenant, id) = TableKeys.split(entry.key) else { continue }
            let groupIDs = String(decoding: entry.value, as: UTF8.self).split(separator: "\n").map(String.init)
            logger.info(
                "finishing an interrupted group join of a new contact",
                metadata: ["tenant": "\(tenant)", "contact": "\(id)", "groups": "\(groupIDs)"]
            )
            _ = try await finishJoining(id, groupIDs: groupIDs, tenant: tenant)
            finished += 1
        }
        return finished
    }

    public func updateContact(
        _ request: UpdateContactRequest,
        context: ServerContext
    ) async throws
        -> UpdateContactResponse
    {
        let mask = try FieldMask(request.updateMask, allowed: ContactValidator.allFields)
        let input = request.contact ?? Contact()
        guard !input.id.isEmpty else {
            throw RPCError.invalidArgument(field: "contact.id", "the id of the contact to update")
        }
        let tenant = context.tenant
        let now = clock.nowUnixMilliseconds()
        let updated: Contact = try await table.transaction { transaction in
            let existing = try Self.load(input.id, tenant: tenant, in: &transaction)
            try Self.checkVersion(request.expectedVersion, of: existing)
            var validator = ContactValidator { ResourceID.make(prefix: "wh_", at: now) }
            var contact = validator.apply(input, onto: existing, fields: mask.paths)
            try validator.violations.check()
            if contact.phone != existing.phone {
                contact.phoneStatus = contact.phone.isEmpty ? nil : Self.unverified(at: now)
            }
            if contact.email != existing.email {
                contact.emailStatus = contact.email.isEmpty ? nil : Self.unverified(at: now)
            }
            guard contact != existing else { return existing }
            try Self.checkUnique(contact, tenant: tenant, in: &transaction)
            try Self.checkAlternate(contact, tenant: tenant, in: &transaction)
            contact.version = existing.version + 1
            contact.updateTimeUnixMs = now
            transaction.put(ContactKeys.contact(tenant, contact.id), try encodeStored(contact))
            return contact
        }
        return UpdateContactResponse(contact: Self.publicView(updated))
    }

    // MARK: Checks made inside transactions

    static func load(_ id: String, tenant: String, in transaction: inout TableTransaction) throws(RPCError) -> Contact {
        guard let bytes = transaction.get(ContactKeys.contact(tenant, id)) else {
            throw RPCError(code: .notFound, message: "no contact \(id)")
        }
        return try decodeStored(Contact.self, bytes)
    }

    static func checkVersion(_ expected: UInt64, of contact: Contact) throws(RPCError) {
        guard expected != 0, expected != contact.version else { return }
        throw RPCError(
            code: .aborted,
            message: "contact \(contact.id) changed (version \(contact.version), you read \(expected)); read it again",
            currentVersion: contact.version
        )
    }

    /// Phone, email and principal each belong to at most one contact of the tenant.
    static func checkUnique(_ contact: Contact, tenant: String, in transaction: inout TableTransaction) throws {
        let own = ContactKeys.contact(tenant, contact.id)
        var checks: [(String, String, StoreKey)] = []
        if !contact.phone.isEmpty {
            checks.append((ContactKeys.phoneIndexName, "contact.phone", ContactKeys.phoneIndex(tenant, contact.phone)))
        }
        if !contact.email.isEmpty {
            checks.append((ContactKeys.emailIndexName, "contact.email", ContactKeys.emailIndex(tenant, contact.email)))
        }
        if let principal = contact.principal {
            checks.append(
                (ContactKeys.principalIndexName, "contact.principal", ContactKeys.principalIndex(tenant, principal))
            )
        }
        for (index, field, indexKey) in checks {
            guard let other = try transaction.lookup(index, indexKey).first(where: { $0 != own }),
                let (_, otherID) = TableKeys.split(other)
            else { continue }
            throw RPCError(
                code: .alreadyExists,
                message: "this \(index) already belongs to contact \(otherID)",
                fieldViolations: [FieldViolation(field: field, description: "already used by contact \(otherID)")],
                conflictingID: otherID
            )
        }
    }

    /// The alternate contact must be another existing contact of the tenant.
    static func checkAlternate(
        _ contact: Contact,
        tenant: String,
        in transaction: inout TableTransaction
    )
        throws(RPCError)
    {
        let alternate = contact.alternateContactID
        guard !alternate.isEmpty else { return }
        if alternate == contact.id {
            throw RPCError.invalidArgument(
                field: "contact.alternate_contact_id",
                "a contact cannot be its own alternate"
            )
        }
        guard transaction.contains(ContactKeys.contact(tenant, alternate)) else {
            throw RPCError(
                code: .failedPrecondition,
                message: "the alternate contact \(alternate) does not exist",
                fieldViolations: [FieldViolation(field: "contact.alternate_contact_id", description: "no such contact")]
            )
        }
    }

    static func unverified(at now: Int64) -> ContactMethodStatus {
        ContactMethodStatus(state: .unverified, stateChangeTimeUnixMs: now)
    }

    /// A contact as callers see it: webhook secrets blanked, `secret_set` telling they exist.
    static func publicView(_ contact: Contact) -> Contact {
        var contact = contact
        for index in contact.webhooks.indices {
            if case .signingSecret = contact.webhooks[index].auth {
                contact.webhooks[index].auth = .signingSecret("")
                contact.webhooks[index].secretSet = true
            }
        }
        return contact
    }
}
