import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldWire
import Testing

/// Contacts, groups and tenant settings written through a real heraldd survive SIGTERM,
/// kill -9, and a crash half-way through a contact or group deletion or a create into groups.
@Suite struct PersistenceTests {
    /// Tenant settings unlike the defaults in every field.
    private static let settings = TenantSettings(
        site: .china,
        defaultPhoneFallback: .redialOnce,
        lastResortEmail: "noc@example.com",
        callCountryCodes: [86, 852],
        quotas: TenantQuotas(maxContacts: 2, maxGroups: 5)
    )

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
        let certificates = try await TestCertificates.shared()
        let directory = try TemporaryDirectory("persist")
        defer { directory.remove() }
        let (first, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory.path
        )
        let herald = try TestChannel.make(address, certificates)
        let (ids, groupID) = try await Self.populate(herald)
        let saved = try await herald.contacts.updateTenantSettings(
            UpdateTenantSettingsRequest(settings: Self.settings, updateMask: ["*"])
        )
        await herald.close()
        first.send(signal: signal)
        let status = await first.waitForExit()
        #expect(status == (signal == SIGTERM ? 0 : SIGKILL), "\(first.logText)")

        let (second, newAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory.path
        )
        let again = try TestChannel.make(newAddress, certificates)
        let contact = try await again.contacts.getContact(GetContactRequest(id: ids[0]))
        #expect(contact.contact?.phone == "+8613912345678")
        #expect(contact.groupIDs == [groupID])
        let group = try await again.groups.getGroup(GetGroupRequest(id: groupID))
        #expect(group.group?.memberContactIDs == ids)
        let listed = try await again.contacts.listContacts(ListContactsRequest())
        #expect(listed.totalSize == 2)
        let alternate = try await again.contacts.getContact(GetContactRequest(id: ids[1]))
        #expect(alternate.contact?.alternateContactID == ids[0])
        let settings = try await again.contacts.getTenantSettings(GetTenantSettingsRequest())
        #expect(settings.settings == saved.settings)
        #expect(settings.settings?.version == 1)
        #expect(settings.settings?.quotas?.maxContacts == 2)
        // Uniqueness indexes are rebuilt too.
        let duplicate = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.createContact(
                CreateContactRequest(contact: Contact(name: "Dup", email: "ZW@example.com"))
            )
        }
        #expect(duplicate?.code == .alreadyExists)
        #expect(duplicate?.conflictingID == ids[0])
        // So are the contact count and the quota it is held to.
        let third = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.createContact(
                CreateContactRequest(contact: Contact(name: "Third", email: "third@example.com"))
            )
        }
        #expect(third?.code == .resourceExhausted)
        // And the index of alternate links: deleting the alternate clears the link to it.
        let deleted = try await again.contacts.deleteContact(DeleteContactRequest(id: ids[0]))
        #expect(deleted.clearedAlternateContactIDs == [ids[1]])
        #expect(deleted.removedFromGroupIDs == [groupID])
        await again.close()
        #expect(await second.stop() == 0)
    }

    /// What a crash test works with after the restart.
    private struct Restarted {
        /// The two contacts and the group `populate` made before the crash.
        var ids: [String]
        var groupID: String
        var heraldd: HeraldProcess
        var channel: HeraldChannel
    }

    /// Populates the new `directory` through one heraldd; runs `call` against a heraldd that
    /// kills itself (SIGKILL) at the debug-build `crashPoint` and checks that the call was cut
    /// off; then starts heraldd again on the directory.
    private static func restartAfterCrash(
        in directory: TemporaryDirectory,
        at crashPoint: String,
        during call: @escaping @Sendable (HeraldChannel, _ ids: [String], _ groupID: String) async throws -> Void
    ) async throws -> Restarted {
        let certificates = try await TestCertificates.shared()
        let (first, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory.path
        )
        let herald = try TestChannel.make(address, certificates)
        let (ids, groupID) = try await populate(herald)
        await herald.close()
        #expect(await first.stop() == 0)

        let (crashing, crashAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory.path,
            environment: ["HERALD_CRASH_POINT": crashPoint]
        )
        let doomed = try TestChannel.make(crashAddress, certificates)
        let error = await #expect(throws: RPCError.self) { try await call(doomed, ids, groupID) }
        #expect(error?.code == .unavailable, "the server died mid-call")
        #expect(await crashing.waitForExit() == SIGKILL)
        await doomed.close()

        let (second, newAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory.path
        )
        return Restarted(
            ids: ids,
            groupID: groupID,
            heraldd: second,
            channel: try TestChannel.make(newAddress, certificates)
        )
    }

    /// heraldd dies after the contacts table recorded the deletion and before the groups table
    /// was cleaned. After a restart the contact is gone from the group and the alternate link is
    /// cleared — as if the delete had finished.
    @Test func aDeletionInterruptedByACrashIsFinishedAtStartUp() async throws {
        let directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        let crashPoint = "contact-deleted-before-cleanup"
        let restarted = try await Self.restartAfterCrash(in: directory, at: crashPoint) { herald, ids, _ in
            _ = try await herald.contacts.deleteContact(DeleteContactRequest(id: ids[0]))
        }
        let (ids, again) = (restarted.ids, restarted.channel)
        let gone = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.getContact(GetContactRequest(id: ids[0]))
        }
        #expect(gone?.code == .notFound)
        let group = try await again.groups.getGroup(GetGroupRequest(id: restarted.groupID))
        #expect(group.group?.memberContactIDs == [ids[1]], "removed from the group at start-up")
        let survivor = try await again.contacts.getContact(GetContactRequest(id: ids[1]))
        #expect(survivor.contact?.alternateContactID == "", "the alternate link was cleared with the delete")
        #expect(restarted.heraldd.logText.contains("finishing an interrupted contact deletion"))
        // A retried delete of the same contact is answered NOT_FOUND now that nothing is left to do.
        let retried = await #expect(throws: RPCError.self) {
            _ = try await again.contacts.deleteContact(DeleteContactRequest(id: ids[0]))
        }
        #expect(retried?.code == .notFound)
        await again.close()
        #expect(await restarted.heraldd.stop() == 0)
    }

    /// heraldd dies after CreateContact with `group_ids` wrote the contact and before it joined
    /// the groups. After a restart the contact is in the group — as if the create had finished.
    @Test func aGroupJoinInterruptedByACrashIsFinishedAtStartUp() async throws {
        let directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        let crashPoint = "contact-created-before-joining"
        let restarted = try await Self.restartAfterCrash(in: directory, at: crashPoint) { herald, _, groupID in
            _ = try await herald.contacts.createContact(
                CreateContactRequest(contact: Contact(name: "Wang Fang", email: "wf@example.com"), groupIDs: [groupID])
            )
        }
        let again = restarted.channel
        let found = try await again.contacts.searchContacts(SearchContactsRequest(query: "Wang Fang"))
        let wang = try #require(found.contacts.first, "the contact was written before the crash").id
        let group = try await again.groups.getGroup(GetGroupRequest(id: restarted.groupID))
        #expect(group.group?.memberContactIDs == restarted.ids + [wang], "joined the group at start-up")
        #expect(try await again.contacts.getContact(GetContactRequest(id: wang)).groupIDs == [restarted.groupID])
        #expect(restarted.heraldd.logText.contains("finishing an interrupted group join of a new contact"))
        await again.close()
        #expect(await restarted.heraldd.stop() == 0)
    }

    /// heraldd dies after DeleteGroup deleted the group and recorded its clean-up, before the
    /// clean-up ran. After a restart the clean-up is finished at start-up: the group stays
    /// deleted, its contacts are kept, and a retried DeleteGroup finds nothing left to do.
    @Test func aGroupDeletionInterruptedByACrashIsFinishedAtStartUp() async throws {
        let directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        let crashPoint = "group-deleted-before-cleanup"
        let restarted = try await Self.restartAfterCrash(in: directory, at: crashPoint) { herald, _, groupID in
            _ = try await herald.groups.deleteGroup(DeleteGroupRequest(id: groupID))
        }
        let (ids, again) = (restarted.ids, restarted.channel)
        let gone = await #expect(throws: RPCError.self) {
            _ = try await again.groups.getGroup(GetGroupRequest(id: restarted.groupID))
        }
        #expect(gone?.code == .notFound)
        #expect(try await again.groups.listGroups(ListGroupsRequest()).totalSize == 0, "the count went with the group")
        let member = try await again.contacts.getContact(GetContactRequest(id: ids[0]))
        #expect(member.contact?.id == ids[0], "the group's contacts are kept")
        #expect(member.groupIDs.isEmpty)
        #expect(restarted.heraldd.logText.contains("Finished the clean-up of a deleted group"))
        // The clean-up record went at start-up: a retried delete is NOT_FOUND, not another clean-up.
        let retried = await #expect(throws: RPCError.self) {
            _ = try await again.groups.deleteGroup(DeleteGroupRequest(id: restarted.groupID))
        }
        #expect(retried?.code == .notFound)
        await again.close()
        #expect(await restarted.heraldd.stop() == 0)
    }
}
