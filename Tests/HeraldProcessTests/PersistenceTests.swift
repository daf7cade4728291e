import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// Contacts and groups written through a real heraldd survive SIGTERM, kill -9, and a crash
/// half-way through a contact deletion.
@Suite struct PersistenceTests {
    private static func channel(_ address: String, _ certificates: TestCertificates) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration()
        )
        configuration.defaultTenant = "acme"
        configuration.retry.maxAttempts = 1
        return try HeraldChannel(configuration: configuration)
    }

    /// Creates a group of two contacts, one the other's alternate; returns their ids.
    private static func populate(_ herald: HeraldChannel) async throws -> (contacts: [String], group: String) {
        let first = try await herald.contacts.createContact(
            CreateContactRequest(
                contact: Contact(name: "Zhang Wei", phone: "+86 139 1234 5678", email: "zw@example.com")
            )
        )
        let firstID = try #require(first.contact?.id)
        let second = try await herald.contacts.createContact(
            CreateContactRequest(contact: Contact(name: "Li Lei", email: "ll@example.com", alternateContactID: firstID))
        )
        let secondID = try #require(second.contact?.id)
        let group = try await herald.groups.createGroup(
            CreateGroupRequest(group: ContactGroup(name: "DBA on-call", memberContactIDs: [firstID, secondID]))
        )
        return ([firstID, secondID], try #require(group.group?.id))
    }

    @Test(arguments: [SIGTERM, SIGKILL])
    func writesSurviveARestart(_ signal: Int32) async throws {
        let certificates = try TestCertificates.shared()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("persist-\(UUID().uuidString)")
            .path
        let (first, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let herald = try Self.channel(address, certificates)
        let (ids, groupID) = try await Self.populate(herald)
        await herald.close()
        first.send(signal: signal)
        let status = await first.waitForExit()
        #expect(status == (signal == SIGTERM ? 0 : SIGKILL), "\(first.logText)")

        let (second, newAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let again = try Self.channel(newAddress, certificates)
        let contact = try await again.contacts.getContact(GetContactRequest(id: ids[0]))
        #expect(contact.contact?.phone == "+8613912345678")
        #expect(contact.groupIDs == [groupID])
        let group = try await again.groups.getGroup(GetGroupRequest(id: groupID))
        #expect(group.group?.memberContactIDs == ids)
        let listed = try await again.contacts.listContacts(ListContactsRequest())
        #expect(listed.totalSize == 2)
        // Uniqueness indexes are rebuilt too.
        let duplicate = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.createContact(
                CreateContactRequest(contact: Contact(name: "Dup", email: "ZW@example.com"))
            )
        }
        #expect(duplicate?.code == .alreadyExists)
        await again.close()
        #expect(await second.stop() == 0)
    }

    /// heraldd dies (SIGKILL, from a debug-build crash point) after the contacts table recorded
    /// the deletion and before the groups table was cleaned. After a restart the contact is
    /// gone from the group and the alternate link is cleared — as if the delete had finished.
    @Test func aDeletionInterruptedByACrashIsFinishedAtStartUp() async throws {
        let certificates = try TestCertificates.shared()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)").path
        let (first, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let herald = try Self.channel(address, certificates)
        let (ids, groupID) = try await Self.populate(herald)
        await herald.close()
        #expect(await first.stop() == 0)

        let (crashing, crashAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory,
            environment: ["HERALD_CRASH_POINT": "contact-deleted-before-cleanup"]
        )
        let doomed = try Self.channel(crashAddress, certificates)
        let error = await #expect(throws: RPCError.self) {
            _ = try await doomed.contacts.deleteContact(DeleteContactRequest(id: ids[0]))
        }
        #expect(error?.code == .unavailable, "the server died mid-call")
        #expect(await crashing.waitForExit() == SIGKILL)
        await doomed.close()

        let (second, newAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let again = try Self.channel(newAddress, certificates)
        let gone = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.getContact(GetContactRequest(id: ids[0]))
        }
        #expect(gone?.code == .notFound)
        let group = try await again.groups.getGroup(GetGroupRequest(id: groupID))
        #expect(group.group?.memberContactIDs == [ids[1]], "removed from the group at start-up")
        let survivor = try await again.contacts.getContact(GetContactRequest(id: ids[1]))
        #expect(survivor.contact?.alternateContactID == "", "the alternate link was cleared with the delete")
        #expect(second.logText.contains("finishing an interrupted contact deletion"))
        // A retried delete of the same contact is answered NOT_FOUND now that nothing is left to do.
        let retried = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.deleteContact(DeleteContactRequest(id: ids[0]))
        }
        #expect(retried?.code == .notFound)
        await again.close()
        #expect(await second.stop() == 0)
    }
}
