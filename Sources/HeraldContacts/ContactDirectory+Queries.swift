public import HeraldProtos
public import HeraldRPC
import HeraldServiceKit
import HeraldStore
import HeraldWire

extension ContactDirectory {
    public func getContact(_ request: GetContactRequest, context: ServerContext) async throws -> GetContactResponse {
        guard let contact = try contact(request.id, tenant: context.tenant) else {
            throw RPCError(code: .notFound, message: "no contact \(request.id)")
        }
        let groupIDs = groups?.groupIDs(ofContact: contact.id, tenant: context.tenant) ?? []
        return GetContactResponse(contact: Self.publicView(contact), groupIDs: groupIDs)
    }

    public func listContacts(
        _ request: ListContactsRequest,
        context: ServerContext
    ) async throws
        -> ListContactsResponse
    {
        let phoneState = request.phoneState
        let emailState = request.emailState
        let query =
            "list phone=\(phoneState.map { "\($0.rawValue)" } ?? "-") email=\(emailState.map { "\($0.rawValue)" } ?? "-")"
        let filtered = phoneState != nil || emailState != nil
        let page = try self.page(
            tenant: context.tenant,
            size: PageToken.pageSize(request.pageSize),
            token: request.pageToken,
            query: query,
            countAll: !filtered,
            filter: .contact { contact in
                (phoneState.map { Self.state(of: contact.phoneStatus, address: contact.phone) == $0 } ?? true)
                    && (emailState.map { Self.state(of: contact.emailStatus, address: contact.email) == $0 } ?? true)
            }
        )
        return ListContactsResponse(contacts: page.contacts, nextPageToken: page.nextToken, totalSize: page.total)
    }

    public func searchContacts(
        _ request: SearchContactsRequest,
        context: ServerContext
    ) async throws
        -> SearchContactsResponse
    {
        let text = request.query.trimmedWhitespace
        guard (1...100).contains(text.count) else {
            throw RPCError.invalidArgument(field: "query", "1–100 characters to look for")
        }
        let field = request.field == .unspecified ? ContactSearchField.any : request.field
        if case .unrecognized = field { throw RPCError.invalidArgument(field: "field", "not a search field") }
        let needle = text.lowercased()
        let matcher = SubstringMatcher(needle)
        let digits = String(text.filter { $0.isASCII && $0.isNumber })
        let digitsMatcher = SubstringMatcher(digits)
        let page = try self.page(
            tenant: context.tenant,
            size: PageToken.pageSize(request.pageSize),
            token: request.pageToken,
            query: "search \(field.rawValue) \(needle)",
            countAll: false,
            filter: .searchFields { contact in
                let phone = { !digits.isEmpty && digitsMatcher.occurs(in: contact.phone) }
                switch field {
                case .name: return matcher.occurs(in: contact.name)
                case .email: return matcher.occurs(in: contact.email)
                case .phone: return phone()
                default: return matcher.occurs(in: contact.name) || matcher.occurs(in: contact.email) || phone()
                }
            }
        )
        return SearchContactsResponse(contacts: page.contacts, nextPageToken: page.nextToken, totalSize: page.total)
    }

    /// A method's state as the API reports it: UNSPECIFIED without an address.
    static func state(of status: ContactMethodStatus?, address: String) -> MethodState {
        address.isEmpty ? .unspecified : (status?.state ?? .unverified)
    }

    private struct Page {
        var contacts: [Contact]
        var nextToken: String
        var total: UInt32
    }

    /// Which contacts a page holds.
    private enum Filter {
        /// Those the closure accepts, given the whole contact.
        case contact((Contact) -> Bool)
        /// Those the closure accepts, given only their search fields (read without decoding
        /// the contact; only the contacts on the page are decoded).
        case searchFields((StoredContactFields) -> Bool)
    }

    /// One page of the tenant's contacts that match, in creation order, after the token's key.
    ///
    /// Contact ids sort by creation time, so the table's key order is creation order and a page
    /// that starts after the last id seen neither repeats nor skips contacts that existed
    /// throughout, whatever is added or deleted in between.
    private func page(
        tenant: String,
        size: Int,
        token: String,
        query: String,
        countAll: Bool,
        filter: Filter
    ) throws(RPCError) -> Page {
        let after = try PageToken.resume(token, query: query)
        var contacts: [Contact] = []
        var total = 0
        var hasMore = false
        for entry in table.entries(withPrefix: ContactKeys.contacts(tenant)) {
            guard let (_, id) = TableKeys.split(entry.key) else { continue }
            // Without a filter the total is the stored count: earlier pages need no decoding.
            if countAll, let after, id <= after { continue }
            var decoded: Contact?
            switch filter {
            case .contact(let matches):
                let contact = try decodeStored(Contact.self, entry.value)
                guard matches(contact) else { continue }
                decoded = contact
            case .searchFields(let matches):
                guard let fields = StoredContactFields(entry.value) else {
                    // Not protobuf as this service writes it: damage, which the full decode
                    // describes; should libprotobuf-c accept the bytes, they are damage still.
                    _ = try decodeStored(Contact.self, entry.value)
                    throw RPCError(code: .dataLoss, message: "a stored \(Contact.protoMessageName) is damaged")
                }
                guard matches(fields) else { continue }
            }
            total += 1
            if let after, id <= after { continue }
            if contacts.count < size {
                if let decoded {
                    contacts.append(Self.publicView(decoded))
                } else {
                    contacts.append(Self.publicView(try decodeStored(Contact.self, entry.value)))
                }
            } else {
                hasMore = true
                if countAll { break }
            }
        }
        let nextToken = hasMore ? contacts.last.map { PageToken.make(after: $0.id, query: query) } ?? "" : ""
        let reported = countAll ? contactCount(tenant: tenant) : total
        return Page(contacts: contacts, nextToken: nextToken, total: UInt32(clamping: reported))
    }
}
