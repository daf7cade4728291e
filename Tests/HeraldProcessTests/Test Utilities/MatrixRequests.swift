import HeraldClient
import HeraldProtos
import HeraldRPC
import Synchronization
import Testing

/// A valid request for every contact and group RPC, made on fresh contacts and groups that an
/// admin creates first: an allowed call must then succeed, and a denied one must change
/// nothing.
final class MatrixRequests: Sendable {
    typealias Builder = @Sendable (MatrixRequests) async throws -> any ProtoMessage

    /// One builder per RPC; ``ServiceAccessTests`` checks these are exactly the RPCs of the
    /// contact and group services.
    static let builders: [MethodInfo: Builder] = [
        ContactService.createContact.info: { CreateContactRequest(contact: $0.newContact()) },
        ContactService.getContact.info: { GetContactRequest(id: try await $0.contact()) },
        ContactService.updateContact.info: {
            UpdateContactRequest(contact: Contact(id: try await $0.contact(), name: "Renamed"), updateMask: ["name"])
        },
        ContactService.deleteContact.info: { DeleteContactRequest(id: try await $0.contact()) },
        ContactService.batchDeleteContacts.info: { BatchDeleteContactsRequest(ids: [try await $0.contact()]) },
        ContactService.listContacts.info: { _ in ListContactsRequest() },
        ContactService.searchContacts.info: { _ in SearchContactsRequest(query: "matrix") },
        ContactService.disableContactMethod.info: {
            DisableContactMethodRequest(contactID: try await $0.contact(), method: .email, reason: "bounces")
        },
        ContactService.enableContactMethod.info: {
            EnableContactMethodRequest(contactID: try await $0.contact(disabled: true), method: .email)
        },
        ContactService.getTenantSettings.info: { _ in GetTenantSettingsRequest() },
        ContactService.updateTenantSettings.info: {
            UpdateTenantSettingsRequest(
                settings: TenantSettings(lastResortEmail: "last-\($0.next())@example.com"),
                updateMask: ["last_resort_email"]
            )
        },
        GroupService.createGroup.info: { CreateGroupRequest(group: ContactGroup(name: "Group \($0.next())")) },
        GroupService.getGroup.info: { GetGroupRequest(id: try await $0.group()) },
        GroupService.listGroups.info: { _ in ListGroupsRequest() },
        GroupService.updateGroup.info: {
            UpdateGroupRequest(
                group: ContactGroup(id: try await $0.group(), note: "renamed \($0.next())"),
                updateMask: ["note"]
            )
        },
        GroupService.deleteGroup.info: { DeleteGroupRequest(id: try await $0.group()) },
        GroupService.addGroupMembers.info: {
            AddGroupMembersRequest(groupID: try await $0.group(), contactIDs: [try await $0.contact()])
        },
        GroupService.removeGroupMembers.info: {
            let member = try await $0.contact()
            return RemoveGroupMembersRequest(groupID: try await $0.group(members: [member]), contactIDs: [member])
        },
        GroupService.listContactGroups.info: { ListContactGroupsRequest(contactID: try await $0.contact()) },
    ]

    /// Where the admin makes the contacts and groups requests refer to.
    let admin: HeraldChannel
    private let serial = Atomic<Int>(0)

    init(admin: HeraldChannel) {
        self.admin = admin
    }

    /// A valid request for `method`, or nil when no builder knows it.
    func request(for method: MethodInfo) async throws -> (any ProtoMessage)? {
        guard let builder = Self.builders[method] else { return nil }
        return try await builder(self)
    }

    /// A number not handed out before, for unique names and addresses.
    func next() -> Int {
        serial.add(1, ordering: .relaxed).newValue
    }

    /// A contact with a unique name and email, not yet stored.
    func newContact() -> Contact {
        let number = next()
        return Contact(name: "Matrix \(number)", email: "matrix\(number)@example.com")
    }

    /// Stores a new contact (its email disabled when `disabled`); returns its id.
    func contact(disabled: Bool = false) async throws -> String {
        let created = try await admin.contacts.createContact(CreateContactRequest(contact: newContact()))
        let id = try #require(created.contact?.id)
        if disabled {
            _ = try await admin.contacts.disableContactMethod(
                DisableContactMethodRequest(contactID: id, method: .email, reason: "bounces")
            )
        }
        return id
    }

    /// Stores a new group with `members`; returns its id.
    func group(members: [String] = []) async throws -> String {
        let group = ContactGroup(name: "Group \(next())", memberContactIDs: members)
        return try #require(try await admin.groups.createGroup(CreateGroupRequest(group: group)).group?.id)
    }
}
