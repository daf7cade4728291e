import HeraldProtos
import HeraldTestSupport
import Testing

@testable import HeraldContacts

/// Search reads name, phone and email from the stored bytes without decoding the contact; what
/// it reads must be what a full decode gives.
@Suite struct ContactSearchFieldsTests {
    static func fields(of contact: Contact) -> ContactSearchFields {
        ContactSearchFields(name: contact.name, phone: contact.phone, email: contact.email)
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
            contact.principal = Principal(kind: .user, id: "u-\(step)", displayName: "name \(step)")
            contact.version = random.next()
            contact.createTimeUnixMs = Int64(bitPattern: random.next())

            let bytes = try contact.serializedBytes()
            let decoded = try Contact(serializedBytes: bytes)
            #expect(ContactSearchFields(bytes) == Self.fields(of: decoded))
        }
    }

    @Test func theLastOccurrenceOfAFieldWinsAsInProtobuf() throws {
        let first = try Contact(name: "first", phone: "+1", email: "a@x").serializedBytes()
        let second = try Contact(name: "second", email: "b@x").serializedBytes()
        let merged = first + second
        #expect(ContactSearchFields(merged) == Self.fields(of: try Contact(serializedBytes: merged)))
        #expect(ContactSearchFields(merged)?.name == "second")
        #expect(ContactSearchFields(merged)?.phone == "+1")
    }

    @Test func damagedBytesGiveNothing() throws {
        let bytes = try Contact(name: "Zhang Wei", phone: "+8613912345678").serializedBytes()
        // Cut inside the phone's bytes, and a length running past the end.
        #expect(ContactSearchFields(Array(bytes.dropLast(3))) == nil)
        #expect(ContactSearchFields([0x12, 0x7F, 0x41]) == nil)
        // Field number 0 and an unknown wire type.
        #expect(ContactSearchFields([0x02, 0x00]) == nil)
        #expect(ContactSearchFields([0x17]) == nil)
        #expect(ContactSearchFields([]) == ContactSearchFields())
    }
}
