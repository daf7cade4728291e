import HeraldClient
import HeraldProtos
import HeraldRPC

/// Everything a tenant holds in the contact and group services, as its admin reads it: equal
/// snapshots before and after a call show the call changed nothing.
struct TenantSnapshot: Equatable {
    var contacts: ListContactsResponse
    var groups: ListGroupsResponse
    var settings: GetTenantSettingsResponse

    /// Reads the tenant through `admin` (one page each: tests stay far below 500 items).
    init(_ admin: HeraldChannel, tenant: String) async throws {
        let options = CallOptions(tenant: tenant)
        contacts = try await admin.contacts.listContacts(ListContactsRequest(pageSize: 500), options: options)
        groups = try await admin.groups.listGroups(ListGroupsRequest(pageSize: 500), options: options)
        settings = try await admin.contacts.getTenantSettings(GetTenantSettingsRequest(), options: options)
    }
}
