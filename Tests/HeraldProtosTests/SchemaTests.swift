import HeraldProtos
import Testing

@Suite struct SchemaTests {
    /// What `herald describe` prints as a field's type: the full `.proto` name for enums and
    /// messages alike.
    @Test func kindsNameTheirProtoTypes() throws {
        let site = try #require(TenantSettings.protoSchema.fields.first { $0.name == "site" })
        #expect(site.kind.protoTypeName == "herald.v1.Site")
        let contact = try #require(CreateContactRequest.protoSchema.fields.first { $0.name == "contact" })
        #expect(contact.kind.protoTypeName == "herald.v1.Contact")
        #expect(AlertLanguage.protoEnumName == "herald.v1.AlertLanguage")
    }
}
