import Foundation
import HeraldContacts
import HeraldProtos
import HeraldRPC
import HeraldServiceKit
import HeraldServiceTestSupport
import HeraldStore
import HeraldTestSupport
import HeraldWire
import Logging
import Testing

/// A contact service on a real store in a fresh temporary directory, which ``close()`` deletes.
struct ContactsFixture {
    let directory: TemporaryDirectory
    let store: Store
    let contacts: ContactDirectory
    let clock: TestClock

    static func make(durability: Durability = .none) async throws -> ContactsFixture {
        let directory = try TemporaryDirectory("contacts")
        do {
            return try await open(directory, durability: durability)
        } catch {
            directory.remove()
            throw error
        }
    }

    private static func open(_ directory: TemporaryDirectory, durability: Durability) async throws -> ContactsFixture {
        var logger = Logger(label: "herald.test.contacts")
        logger.logLevel = .critical
        let store = try Store(path: directory.path, options: StoreOptions(durability: durability), logger: logger)
        let clock = TestClock()
        let contacts = try await ContactDirectory(store: store, clock: clock, logger: logger)
        return ContactsFixture(directory: directory, store: store, contacts: contacts, clock: clock)
    }

    /// Closes the store and opens the same directory again: what a restart sees. Close the
    /// returned fixture instead of this one.
    func reopened() async throws -> ContactsFixture {
        try await store.close()
        return try await Self.open(directory, durability: .none)
    }

    /// Closes the store and deletes the directory.
    func close() async throws {
        defer { directory.remove() }
        try await store.close()
    }
}

/// A server context for calls on `tenant` (what the server builds after access checks).
func context(_ tenant: String = "acme", method: MethodInfo = ContactService.createContact.info) -> ServerContext {
    var logger = Logger(label: "herald.test.call")
    logger.logLevel = .critical
    return ServerContext(
        method: method,
        tenant: tenant,
        caller: CallerIdentity(name: "test"),
        requestID: "test",
        logger: logger
    )
}

extension ContactDirectory {
    /// Creates a contact for a test; fails the test on error.
    func create(
        _ name: String = "Zhang Wei",
        phone: String = "",
        email: String = "",
        tenant: String = "acme",
        configure: (inout Contact) -> Void = { _ in }
    ) async throws -> Contact {
        var contact = Contact(name: name, phone: phone, email: email)
        if phone.isEmpty && email.isEmpty {
            contact.imAccounts = [ImAccount(platform: .dingtalk, userID: "u-\(UUID().uuidString.prefix(8))")]
        }
        configure(&contact)
        let response = try await createContact(CreateContactRequest(contact: contact), context: context(tenant))
        return try #require(response.contact)
    }
}

extension ContactsFixture {
    /// Runs `body` with a fresh fixture and closes its store afterwards, also when `body` throws.
    @discardableResult
    static func with<Result>(
        durability: Durability = .none,
        _ body: (ContactsFixture) async throws -> Result
    ) async throws -> Result {
        let fixture = try await make(durability: durability)
        let result: Result
        do {
            result = try await body(fixture)
        } catch {
            try? await fixture.close()
            throw error
        }
        try await fixture.close()
        return result
    }
}

extension ContactDirectory {
    /// Sets the fields `mask` names to what `configure` writes into an otherwise empty contact.
    func update(
        _ id: String,
        _ mask: [String],
        tenant: String = "acme",
        configure: (inout Contact) -> Void
    ) async throws -> Contact {
        var contact = Contact(id: id)
        configure(&contact)
        let request = UpdateContactRequest(contact: contact, updateMask: mask)
        return try #require(try await updateContact(request, context: context(tenant)).contact)
    }
}
