/// An error a fake call or factory throws.
struct FakeError: Error, Equatable {
    var reason: String
}
