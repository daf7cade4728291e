import HeraldProtos
import HeraldRPC

/// Routes whose handlers report to a ``CallProbe``.
enum TestRoutes {
    /// `ContactService.GetContact`, parked under the request's id until the probe releases
    /// it; answers a contact with that id.
    static func parkedGetContact(_ probe: CallProbe) -> ServerRoute {
        ServerRoute(ContactService.getContact) { request, context in
            try await probe.park(request.id, context: context)
            return GetContactResponse(contact: Contact(id: request.id))
        }
    }

    /// `ContactService.GetContact`, answered at once with a contact with the request's id.
    static func getContact(_ probe: CallProbe) -> ServerRoute {
        ServerRoute(ContactService.getContact) { request, context in
            await probe.record(request.id, context: context) { GetContactResponse(contact: Contact(id: request.id)) }
        }
    }

    /// The bytes of a `GetContactRequest` for `id`.
    static func getContactRequest(_ id: String) -> [UInt8] {
        try! GetContactRequest(id: id).serializedBytes()
    }
}
