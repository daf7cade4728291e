import HeraldProtos
import HeraldTestSupport
import Testing

@testable import HeraldContacts

/// Search and the indexes read a few fields from the stored bytes without decoding the contact;
/// what they read must be what a full decode gives.
@Suite struct StoredContactFieldsTests {
    /// What a full decode gives for the fields.
    static func fields(of contact: Contact) -> StoredContactFields {
        StoredContactFields(
            name: contact.name,
            phone: contact.phone,
            email: contact.email,
            alternateContactID: contact.alternateContactID,
            principal: contact.principal.map { .init(kind: $0.kind.rawValue, id: $0.id) }
        )
    }

    @Test func readsWhatTheFullDecodeReadsAroundEveryOtherField() throws {
        var random = SeededGenerator(seed: 7)
        let names = ["Zhang Wei", "张伟", "Ωmega 😀", "", "O'Brien-Smith"]
        for step in 0..<200 {
            var contact = Contact(
                id: "ct_\(step)",
                name: names[Int(random.next() % UInt64(names.count))],
                phone: random.next() % 3 == 0 ? "" : "+8613912345\(step % 1000)",
                email: random.next() % 3 == 0 ? "" : "user\(step)@example.com"
            )
            contact.phoneStatus = ContactMethodStatus(state: .verified, disabledReason: "", verifiedTimeUnixMs: 17)
            contact.emailStatus = ContactMethodStatus(state: .disabled, disabledReason: "bounced \(step)")
            contact.webhooks = (0..<Int(random.next() % 3)).map {
                Webhook(kind: .dingtalk, url: "https://example.com/hook/\($0)", auth: .keyword("k\($0)"))
            }
            contact.imAccounts = [ImAccount(platform: .dingtalk, userID: "im-\(step)")]
            if random.next() % 4 != 0 {
                contact.principal = Principal(kind: .user, id: "u-\(step)", displayName: "name \(step)")
            }
            contact.alternateContactID = random.next() % 2 == 0 ? "" : "ct_alt\(step)"
            contact.version = random.next()
            contact.createTimeUnixMs = Int64(bitPattern: random.next())

            let bytes = try contact.serializedBytes()
            let decoded = try Contact(serializedBytes: bytes)
            #expect(StoredContactFields(bytes) == Self.fields(of: decoded))
        }
    }

    @Test func theLastOccurrenceOfAFieldWinsAsInProtobuf() throws {
        let first = try Contact(name: "first", phone: "+1", email: "a@x").serializedBytes()
        let second = try Contact(name: "second", email: "b@x").serializedBytes()
        let merged = first + second
        #expect(StoredContactFields(merged) == Self.fields(of: try Contact(serializedBytes: merged)))
        #expect(StoredContactFields(merged)?.name == "second")
        #expect(StoredContactFields(merged)?.phone == "+1")
    }

    @Test func anEmptyPrincipalIsPresentAndRepeatedOnesMerge() throws {
        var empty = Contact(name: "a")
        empty.principal = Principal()
        let emptyBytes = try empty.serializedBytes()
        #expect(StoredContactFields(emptyBytes)?.principal == StoredContactFields.PrincipalKey(kind: 0, id: ""))
        #expect(StoredContactFields(try Contact(name: "a").serializedBytes())?.principal == nil)

        // Stored records never repeat a field; should bytes do so, the principals merge as the
        // protobuf specification says (libprotobuf-c resets the enum instead).
        var first = Contact()
        first.principal = Principal(kind: .user, id: "u-1")
        var second = Contact()
        second.principal = Principal(kind: PrincipalKind(rawValue: 0), id: "", displayName: "only a name")
        let merged = try first.serializedBytes() + second.serializedBytes()
        #expect(StoredContactFields(merged)?.principal == .init(kind: PrincipalKind.user.rawValue, id: "u-1"))
    }

    @Test func damagedBytesGiveNothing() throws {
        let bytes = try Contact(name: "Zhang Wei", phone: "+8613912345678").serializedBytes()
        // Cut inside the phone's bytes, and a length running past the end.
        #expect(StoredContactFields(Array(bytes.dropLast(3))) == nil)
        #expect(StoredContactFields([0x12, 0x7F, 0x41]) == nil)
        // Field number 0 and an unknown wire type.
        #expect(StoredContactFields([0x02, 0x00]) == nil)
        #expect(StoredContactFields([0x17]) == nil)
        #expect(StoredContactFields([]) == StoredContactFields())
    }
}
