import HeraldCodegen
import Testing

@Suite struct NamingTests {
    @Test(
        "field names become lowerCamelCase with uniform acronyms",
        arguments: [
            ("name", "name"), ("contact_id", "contactID"), ("member_contact_ids", "memberContactIDs"),
            ("url", "url"), ("webhook_url", "webhookURL"), ("im_accounts", "imAccounts"),
            ("create_time_unix_ms", "createTimeUnixMs"), ("retry_after_ms", "retryAfterMs"),
        ]
    )
    func propertyNames(_ proto: String, _ swift: String) {
        #expect(SwiftNaming.propertyName(proto) == swift)
    }

    @Test(
        "enum values lose their prefix",
        arguments: [
            ("ALERT_LANGUAGE_CHINESE", "AlertLanguage", "chinese"), ("CHANNEL_PHONE_CALL", "Channel", "phoneCall"),
            ("STATUS_CODE_INVALID_ARGUMENT", "StatusCode", "invalidArgument"),
            ("RECIPIENT_ROLE_INSTANCE_DBA", "RecipientRole", "instanceDBA"), ("CHANNEL_SMS", "Channel", "sms"),
            ("OTHER_1X", "Thing", "other1x"), ("THING_2FA", "Thing", "_2fa"),
        ]
    )
    func enumCases(_ value: String, _ enumName: String, _ swift: String) {
        #expect(SwiftNaming.caseName(value: value, enumName: enumName) == swift)
    }

    @Test func keywordsAreEscaped() {
        #expect(SwiftNaming.escaped("public") == "`public`")
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("contact") == "contact")
    }

    /// The expected names are those protoc-c 1.4.1 generated for Herald's protos (see
    /// Sources/CHeraldProtos/include/herald/v1/*.pb-c.h).
    @Test(
        "C names match protoc-c",
        arguments: [
            ("herald.v1.Contact", "Herald__V1__Contact", "herald__v1__contact"),
            ("herald.v1.ContactGroup", "Herald__V1__ContactGroup", "herald__v1__contact_group"),
            (
                "herald.v1.Status.MetadataEntry", "Herald__V1__Status__MetadataEntry",
                "herald__v1__status__metadata_entry"
            ),
            (
                "google.protobuf.FileDescriptorSet", "Google__Protobuf__FileDescriptorSet",
                "google__protobuf__file_descriptor_set"
            ),
            ("x.v1.A.MEntry", "X__V1__A__MEntry", "x__v1__a__mentry"),
            ("my_pkg.some_msg", "MyPkg__SomeMsg", "my_pkg__some_msg"),
        ]
    )
    func cNames(_ fullName: String, _ structName: String, _ stem: String) {
        #expect(ProtobufCNaming.structName(fullName: fullName) == structName)
        #expect(ProtobufCNaming.functionStem(fullName: fullName) == stem)
    }

    @Test func cMembersAvoidKeywords() {
        #expect(ProtobufCNaming.memberName(field: "default") == "default_")
        #expect(ProtobufCNaming.memberName(field: "contact_id") == "contact_id")
        #expect(ProtobufCNaming.oneofCaseMember(oneof: "target") == "target_case")
        #expect(ProtobufCNaming.countMember(field: "webhooks") == "n_webhooks")
    }
}
