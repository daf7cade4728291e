import HeraldContacts
import HeraldProtos
import HeraldServiceTestSupport
import HeraldStore
import HeraldWire
import Testing

/// A phone, email or principal belongs to at most one contact of a tenant, on update as on
/// create; one freed by a delete or a change can be taken again.
@Suite struct ContactUniquenessTests {
    /// A unique field: how to set it, a value, spellings stored as that very value, spellings
    /// that name the same value to the uniqueness check, and two other values.
    struct Unique: Sendable, CustomTestStringConvertible {
        var field: String
        var set: @Sendable (inout Contact, String) -> Void
        var value: String
        var sameValue: String
        var sameForUniqueness: [String]
        var otherValues: [String]

        var path: String { "contact.\(field)" }
        var testDescription: String { field }

        static let all = [
            Unique(
                field: "phone",
                set: { $0.phone = $1 },
                value: "+8613912345678",
                sameValue: "86-139 1234 5678",
                sameForUniqueness: ["+8613912345678", "0086 139 1234 5678"],
                otherValues: ["+8613800000001", "+8613800000002"]
            ),
            Unique(
                field: "email",
                set: { $0.email = $1 },
                value: "ops@example.com",
                sameValue: " ops@EXAMPLE.com ",
                sameForUniqueness: ["ops@example.com", "OPS@Example.COM"],
                otherValues: ["dev@example.com", "sre@example.com"]
            ),
            Unique(
                field: "principal",
                set: { $0.principal = $1.isEmpty ? nil : Principal(kind: .user, id: $1) },
                value: "ram-user-1",
                sameValue: "  ram-user-1 ",
                sameForUniqueness: ["ram-user-1"],
                otherValues: ["ram-user-2", "ram-user-3"]
            ),
        ]
    }

    /// How a holder gives its value up.
    enum Release: CaseIterable, Sendable {
        case deleted, changed, cleared
    }

    /// Creates a contact holding `value` in `unique`'s field (and an IM account, so the field
    /// can be cleared).
    private func makeHolder(
        _ name: String,
        _ unique: Unique,
        _ value: String,
        in fixture: ContactsFixture
    ) async throws -> Contact {
        try await fixture.contacts.create(name) {
            $0.imAccounts = [ImAccount(platform: .dingtalk, userID: "im-" + name.split(separator: " ").joined())]
            unique.set(&$0, value)
        }
    }

    /// Updates `id`'s field to `value`.
    private func take(
        _ unique: Unique,
        _ value: String,
        by id: String,
        in fixture: ContactsFixture
    ) async throws
        -> Contact
    {
        try await fixture.contacts.update(id, [unique.field]) { unique.set(&$0, value) }
    }

    @Test(arguments: Unique.all)
    func updatingToAValueAnotherContactHoldsNamesTheHolder(_ unique: Unique) async throws {
        try await ContactsFixture.with { fixture in
            let holder = try await makeHolder("Holder", unique, unique.value, in: fixture)
            let other = try await makeHolder("Other", unique, unique.otherValues[0], in: fixture)
            for spelling in unique.sameForUniqueness {
                let error = await expectRPCError(.alreadyExists, field: unique.path) {
                    _ = try await take(unique, spelling, by: other.id, in: fixture)
                }
                #expect(error?.conflictingID == holder.id, "\(spelling)")
                #expect(error?.message.contains(holder.id) == true, "\(String(describing: error))")
            }
            #expect(
                try fixture.contacts.contact(other.id, tenant: "acme") == other,
                "the refused updates wrote nothing"
            )
        }
    }

    @Test(arguments: Unique.all)
    func keepingOnesOwnValueIsNoConflict(_ unique: Unique) async throws {
        try await ContactsFixture.with { fixture in
            let holder = try await makeHolder("Holder", unique, unique.value, in: fixture)
            let same = try await take(unique, unique.sameValue, by: holder.id, in: fixture)
            #expect(same.version == holder.version, "the same value in another spelling changes nothing")
            let renamed = try await fixture.contacts.update(holder.id, ["name", unique.field]) {
                $0.name = "Renamed"
                unique.set(&$0, unique.value)
            }
            #expect(renamed.version == holder.version + 1)
        }
    }

    @Test(arguments: Unique.all, Release.allCases)
    func aValueGivenUpCanBeTakenAgain(_ unique: Unique, _ release: Release) async throws {
        try await ContactsFixture.with { fixture in
            let holder = try await makeHolder("Holder", unique, unique.value, in: fixture)
            let taker = try await makeHolder("Taker", unique, unique.otherValues[0], in: fixture)
            switch release {
            case .deleted:
                _ = try await fixture.contacts.deleteContact(DeleteContactRequest(id: holder.id), context: context())
            case .changed:
                _ = try await take(unique, unique.otherValues[1], by: holder.id, in: fixture)
            case .cleared:
                _ = try await take(unique, "", by: holder.id, in: fixture)
            }
            _ = try await take(unique, unique.sameValue, by: taker.id, in: fixture)
            // The value now belongs to the taker, and the taker's old value is free.
            let late = try await makeHolder("Late", unique, unique.otherValues[0], in: fixture)
            let error = await expectRPCError(.alreadyExists, field: unique.path) {
                _ = try await take(unique, unique.value, by: late.id, in: fixture)
            }
            #expect(error?.conflictingID == taker.id)
            if release == .changed {
                let held = await expectRPCError(.alreadyExists, field: unique.path) {
                    _ = try await take(unique, unique.otherValues[1], by: late.id, in: fixture)
                }
                #expect(held?.conflictingID == holder.id, "the holder's new value is held")
            }
        }
    }

    @Test(arguments: Unique.all)
    func valuesGivenUpStayFreeAfterReopening(_ unique: Unique) async throws {
        let fixture = try await ContactsFixture.make()
        let holder = try await makeHolder("Holder", unique, unique.value, in: fixture)
        _ = try await take(unique, unique.otherValues[0], by: holder.id, in: fixture)

        let reopened = try await fixture.reopened()
        let taker = try await makeHolder("Taker", unique, unique.value, in: reopened)
        let error = await expectRPCError(.alreadyExists, field: unique.path) {
            _ = try await take(unique, unique.otherValues[0], by: taker.id, in: reopened)
        }
        #expect(error?.conflictingID == holder.id)
        try await reopened.close()
    }

    @Test(arguments: Unique.all)
    func concurrentUpdatesCannotTakeOneValueTwice(_ unique: Unique) async throws {
        try await ContactsFixture.with(durability: .always) { fixture in
            var racers: [Contact] = []
            for index in 0..<8 {
                racers.append(try await makeHolder("Racer \(index)", unique, "", in: fixture))
            }
            let winners = await withTaskGroup(of: Bool.self) { group in
                for racer in racers {
                    group.addTask { (try? await take(unique, unique.value, by: racer.id, in: fixture)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
        }
    }
}
