import HeraldContacts
public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension GroupDirectory {
    /// Returns a group of the caller's tenant.
    ///
    /// - Throws: INVALID_ARGUMENT (no id); NOT_FOUND (unknown here, including another
    ///   tenant's group).
    public func getGroup(_ request: GetGroupRequest, context: ServerContext) async throws -> GetGroupResponse {
        guard !request.id.isEmpty else { throw RPCError.invalidArgument(field: "id", "required") }
        guard GroupValidation.isGroupID(request.id),
            let group = try storedGroup(GroupKeys.group(context.tenant, request.id))
        else {
            throw GroupErrors.notFound(request.id)
        }
        return GetGroupResponse(group: group)
    }

    /// Lists the tenant's groups in creation order (then id), optionally only those whose
    /// name contains `name_contains` (case-insensitively).
    ///
    /// A page token holds the id of the last group returned, so groups created or deleted
    /// between pages neither repeat nor hide the others.
    ///
    /// - Throws: INVALID_ARGUMENT (page size, token, filter).
    public func listGroups(_ request: ListGroupsRequest, context: ServerContext) async throws -> ListGroupsResponse {
        let tenant = context.tenant
        let size = try PageToken.pageSize(request.pageSize)
        if request.nameContains.count > GroupValidation.maximumFilterLength {
            throw RPCError.invalidArgument(
                field: "name_contains",
                "at most \(GroupValidation.maximumFilterLength) characters"
            )
        }
        let filter = GroupKeys.folded(request.nameContains)
        let query = "ListGroups\n\(tenant)\n\(filter)"
        let after = try PageToken.resume(request.pageToken, query: query)
        let prefix = GroupKeys.groups(tenant)

        let page: Page
        let total: Int
        if filter.isEmpty {
            let start = after.map { StoreKey(bytes: GroupKeys.group(tenant, $0).bytes + [0]) }
            let scan = table.scan(from: start, prefix: prefix, limit: size)
            page = Page(keys: scan.entries.map(\.key), more: scan.nextKey != nil)
            total = groupCount(tenant: tenant)
        } else {
            // The name index holds every folded name: filter it without decoding groups.
            let namePrefix = GroupKeys.nameIndexPrefix(tenant)
            let skip = namePrefix.bytes.count
            let matches = try table.scanIndex(GroupKeys.nameIndexName, prefix: namePrefix)
                .filter { String(decoding: $0.indexKey.bytes.dropFirst(skip), as: UTF8.self).contains(filter) }
                .map(\.key)
                .sorted()
            page = Page(of: matches, after: after, size: size, tenant: tenant)
            total = matches.count
        }
        let (groups, next) = try read(page, query: query)
        return ListGroupsResponse(groups: groups, nextPageToken: next, totalSize: UInt32(clamping: total))
    }

    /// Lists the groups a contact of the tenant belongs to, oldest group first.
    ///
    /// - Throws: INVALID_ARGUMENT (no id, page size, token); NOT_FOUND (no such contact here).
    public func listContactGroups(
        _ request: ListContactGroupsRequest,
        context: ServerContext
    ) async throws -> ListContactGroupsResponse {
        let tenant = context.tenant
        guard !request.contactID.isEmpty else { throw RPCError.invalidArgument(field: "contact_id", "required") }
        let size = try PageToken.pageSize(request.pageSize)
        let query = "ListContactGroups\n\(tenant)\n\(request.contactID)"
        let after = try PageToken.resume(request.pageToken, query: query)
        guard GroupValidation.isPlausibleContactID(request.contactID),
            contacts.contactExists(request.contactID, tenant: tenant)
        else {
            throw RPCError(code: .notFound, message: "no contact \(request.contactID)")
        }
        let all = try table.lookup(GroupKeys.memberIndexName, GroupKeys.memberIndex(tenant, request.contactID))
        let (groups, next) = try read(Page(of: all, after: after, size: size, tenant: tenant), query: query)
        return ListContactGroupsResponse(groups: groups, nextPageToken: next, totalSize: UInt32(clamping: all.count))
    }

    /// The keys of one page of groups.
    private struct Page {
        var keys: [StoreKey]
        /// Whether more groups follow.
        var more: Bool

        init(keys: [StoreKey], more: Bool) {
            self.keys = keys
            self.more = more
        }

        /// The first `size` of `keys` (sorted) after the key of the group `after`.
        init(of keys: [StoreKey], after: String?, size: Int, tenant: String) {
            let rest = after.map { last in keys.drop { $0 <= GroupKeys.group(tenant, last) } } ?? keys[...]
            self.init(keys: Array(rest.prefix(size)), more: rest.count > size)
        }
    }

    /// The page's groups, and the token of the next page ("" after the last).
    private func read(_ page: Page, query: String) throws(RPCError) -> (groups: [ContactGroup], nextPageToken: String) {
        var groups: [ContactGroup] = []
        for key in page.keys {
            if let group = try storedGroup(key) { groups.append(group) }
        }
        guard page.more, let last = page.keys.last.flatMap(GroupKeys.id(of:)) else { return (groups, "") }
        return (groups, PageToken.make(after: last, query: query))
    }
}
