import HeraldGroups
import HeraldProtos
import HeraldRPC
import HeraldServiceTestSupport
import HeraldWire
import Testing

@Suite struct GroupListTests {
    /// Every page of ListGroups with `request`'s page size and filter.
    static func pages(
        _ fixture: GroupsFixture,
        _ request: ListGroupsRequest,
        tenant: String = "acme",
        between: (Int) async throws -> Void = { _ in }
    ) async throws -> [ListGroupsResponse] {
        var request = request
        var pages: [ListGroupsResponse] = []
        while true {
            let page = try await fixture.groups.listGroups(request, context: fixture.context(tenant))
            pages.append(page)
            if page.nextPageToken.isEmpty { return pages }
            try #require(pages.count < 1_000)
            request.pageToken = page.nextPageToken
            try await between(pages.count)
        }
    }

    @Test func groupsAreListedInCreationOrder() async throws {
        try await withGroups { fixture in
            var created: [ContactGroup] = []
            for index in 0..<12 {
                created.append(try await fixture.makeGroup("Group \(12 - index)"))
            }
            let pages = try await Self.pages(fixture, ListGroupsRequest(pageSize: 5))
            #expect(pages.map(\.groups.count) == [5, 5, 2])
            #expect(pages.flatMap(\.groups) == created)
            #expect(pages.allSatisfy { $0.totalSize == 12 })
        }
    }

    /// Page sizes: requested → used.
    static let pageSizes: [(Int32, Int)] = [(0, 50), (1, 1), (50, 50), (500, 500), (501, 500), (.max, 500)]

    @Test func pageSizesDefaultTo50AndStopAt500() async throws {
        try await withGroups { fixture in
            try await fixture.setQuotas(maxGroups: 600)
            for index in 0..<501 {
                try await fixture.makeGroup("Group \(index)")
            }
            for (requested, used) in Self.pageSizes {
                let page = try await fixture.groups.listGroups(
                    ListGroupsRequest(pageSize: requested),
                    context: fixture.context()
                )
                #expect(page.groups.count == used, "page size \(requested)")
                #expect(!page.nextPageToken.isEmpty)
                #expect(page.totalSize == 501)
            }
        }
    }

    @Test func pagingIsStableWhileGroupsAreAddedAndDeleted() async throws {
        try await withGroups { fixture in
            var all: [ContactGroup] = []
            for index in 0..<30 {
                all.append(try await fixture.makeGroup("Group \(index)"))
            }
            var deleted = Set<String>()
            var added: [ContactGroup] = []
            let context = fixture.context()
            let pages = try await Self.pages(fixture, ListGroupsRequest(pageSize: 4)) { page in
                // Between pages: delete one group already seen and one not yet seen, add one.
                let seen = all[(page - 1) * 4]
                let ahead = all[min(29, page * 4 + 2)]
                for group in [seen, ahead] where deleted.insert(group.id).inserted {
                    _ = try await fixture.groups.deleteGroup(DeleteGroupRequest(id: group.id), context: context)
                }
                added.append(try await fixture.makeGroup("Added \(page)"))
            }
            let listed = pages.flatMap(\.groups).map(\.id)
            #expect(Set(listed).count == listed.count, "no group is listed twice")
            let survivors = all.map(\.id).filter { !deleted.contains($0) }
            #expect(survivors.allSatisfy(listed.contains), "every group that stayed is listed")
            let ahead = all.map(\.id).filter { deleted.contains($0) && !listed.contains($0) }
            #expect(!ahead.isEmpty, "groups deleted before their page are not listed")
            #expect(listed == listed.sorted(), "creation order")
            // Groups created later sort last, so they show up on a later page.
            #expect(added.dropLast().allSatisfy { listed.contains($0.id) })
        }
    }

    @Test func theNameFilterIsCaseInsensitiveAndPaged() async throws {
        try await withGroups { fixture in
            var dbas: [ContactGroup] = []
            for index in 0..<7 {
                dbas.append(
                    try await fixture.makeGroup(index.isMultiple(of: 2) ? "DBA team \(index)" : "Night dba \(index)")
                )
                try await fixture.makeGroup("Ops \(index)")
            }
            try await fixture.makeGroup("DBA elsewhere", tenant: "globex")
            let pages = try await Self.pages(fixture, ListGroupsRequest(pageSize: 3, nameContains: "Dba"))
            #expect(pages.flatMap(\.groups) == dbas)
            #expect(pages.allSatisfy { $0.totalSize == 7 })

            let none = try await fixture.groups.listGroups(
                ListGroupsRequest(nameContains: "zzz"),
                context: fixture.context()
            )
            #expect(none.groups.isEmpty && none.totalSize == 0 && none.nextPageToken.isEmpty)
            let one = try await fixture.groups.listGroups(
                ListGroupsRequest(nameContains: "TEAM 4"),
                context: fixture.context()
            )
            #expect(one.groups.map(\.id) == [dbas[4].id])
        }
    }

    /// Filters over names outside ASCII: (name, filter, matches).
    static let unicodeFilters: [(String, String, Bool)] = [
        ("运维值班组", "值班", true),
        ("Équipe Café", "CAFÉ", true),
        ("Équipe Café", "cafe\u{301}", true),
        ("ÆGIR on-call", "æg", true),
        ("Équipe Café", "cafe", false),
        ("🚨 Paging 🚨", "🚨 p", true),
    ]

    @Test(arguments: unicodeFilters)
    func theNameFilterFoldsUnicode(name: String, filter: String, matches: Bool) async throws {
        try await withGroups { fixture in
            let group = try await fixture.makeGroup(name)
            let page = try await fixture.groups.listGroups(
                ListGroupsRequest(nameContains: filter),
                context: fixture.context()
            )
            #expect(page.groups.map(\.id) == (matches ? [group.id] : []))
        }
    }

    @Test func aTokenOnlyWorksWithTheFilterThatMadeIt() async throws {
        try await withGroups { fixture in
            for index in 0..<3 {
                try await fixture.makeGroup("Ops \(index)")
            }
            let context = fixture.context()
            let first = try await fixture.groups.listGroups(
                ListGroupsRequest(pageSize: 1, nameContains: "ops"),
                context: context
            )
            await expectRPCError(.invalidArgument, field: "page_token") {
                let request = ListGroupsRequest(pageSize: 1, pageToken: first.nextPageToken)
                _ = try await fixture.groups.listGroups(request, context: context)
            }
            await expectRPCError(.invalidArgument, field: "page_token") {
                let request = ListGroupsRequest(pageSize: 1, pageToken: first.nextPageToken, nameContains: "ops")
                _ = try await fixture.groups.listGroups(request, context: fixture.context("globex"))
            }
            // The filter is compared folded: another spelling of the same filter keeps working.
            let request = ListGroupsRequest(pageSize: 1, pageToken: first.nextPageToken, nameContains: "OPS")
            #expect(try await fixture.groups.listGroups(request, context: context).groups.count == 1)
        }
    }

    @Test func theGroupsOfAContactArePagedOldestFirst() async throws {
        try await withGroups { fixture in
            let alice = try await fixture.makeContact("Alice")
            let bob = try await fixture.makeContact("Bob")
            var hers: [ContactGroup] = []
            for index in 0..<5 {
                hers.append(try await fixture.makeGroup("With Alice \(index)", members: [bob, alice]))
                try await fixture.makeGroup("Without \(index)", members: [bob])
            }
            let context = fixture.context()
            var request = ListContactGroupsRequest(contactID: alice, pageSize: 2)
            var listed: [ContactGroup] = []
            while true {
                let page = try await fixture.groups.listContactGroups(request, context: context)
                #expect(page.totalSize == 5)
                listed += page.groups
                if page.nextPageToken.isEmpty { break }
                request.pageToken = page.nextPageToken
            }
            #expect(listed == hers)
            #expect(fixture.groups.groupIDs(ofContact: alice, tenant: "acme") == hers.map(\.id))
            #expect(fixture.groups.groupIDs(ofContact: bob, tenant: "acme").count == 10)

            let carol = try await fixture.makeContact("Carol")
            let empty = try await fixture.groups.listContactGroups(
                ListContactGroupsRequest(contactID: carol),
                context: context
            )
            #expect(empty.groups.isEmpty && empty.totalSize == 0)
            await expectRPCError(.notFound) {
                let request = ListContactGroupsRequest(contactID: "ct_00000000000000000000000000")
                _ = try await fixture.groups.listContactGroups(request, context: context)
            }
        }
    }
}
