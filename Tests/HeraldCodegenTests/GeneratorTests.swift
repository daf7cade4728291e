import Testing

@testable import HeraldCodegen

@Suite struct GeneratorTests {
    private static let accessEnum = ProtoEnumDecl(
        fullName: "herald.v1.Access",
        name: "Access",
        comment: "",
        values: [
            ProtoEnumValueDecl(name: "ACCESS_UNSPECIFIED", number: 0, comment: ""),
            ProtoEnumValueDecl(name: "ACCESS_READ", number: 2, comment: ""),
        ]
    )

    private static func message(_ name: String, fields: [ProtoFieldDecl] = []) -> ProtoMessageDecl {
        ProtoMessageDecl(
            fullName: "herald.v1.\(name)",
            name: name,
            comment: " A \(name).\n",
            fields: fields,
            oneofs: [],
            nestedMessages: [],
            nestedEnums: [],
            isMapEntry: false
        )
    }

    private static func file(method: ProtoMethodDecl, messages: [ProtoMessageDecl]? = nil) -> [ProtoFile] {
        [
            ProtoFile(
                path: "herald/v1/test.proto",
                messages: messages ?? [message("PingRequest"), message("PingResponse")],
                enums: [accessEnum],
                services: [
                    ProtoServiceDecl(
                        fullName: "herald.v1.TestService",
                        name: "TestService",
                        comment: " Tests.\n",
                        methods: [method]
                    )
                ]
            )
        ]
    }

    private static func method(access: UInt64?, streaming: Bool = false) -> ProtoMethodDecl {
        ProtoMethodDecl(
            name: "Ping",
            comment: " Pings.\n",
            inputType: "herald.v1.PingRequest",
            outputType: "herald.v1.PingResponse",
            isStreaming: streaming,
            idempotency: .noSideEffects,
            customVarintOptions: access.map { [50101: $0] } ?? [:]
        )
    }

    @Test func servicesGetDescriptorsHandlerAndClient() throws {
        let outputs = try Generator(files: Self.file(method: Self.method(access: 2))).serviceSources()
        let source = try #require(outputs.first { $0.fileName == "test.rpc.swift" }).contents
        #expect(source.hasPrefix("// DO NOT EDIT."))
        #expect(source.contains("// swift-format-ignore-file"))
        #expect(source.contains("public static let ping = RPCMethod<PingRequest, PingResponse>("))
        #expect(source.contains("access: .read,"))
        #expect(source.contains("idempotency: .noSideEffects"))
        #expect(source.contains("public protocol TestServiceHandler: Sendable {"))
        #expect(
            source.contains("func ping(_ request: PingRequest, context: ServerContext) async throws -> PingResponse")
        )
        #expect(source.contains("public struct TestServiceClient: Sendable {"))
        #expect(source.contains("/// Pings."))
        #expect(outputs.contains { $0.fileName == "HeraldAPI.rpc.swift" && $0.contents.contains("TestService.info") })
    }

    @Test func anRPCWithoutAnAccessLevelIsRejected() {
        #expect(throws: GeneratorError.self) {
            try Generator(files: Self.file(method: Self.method(access: nil))).serviceSources()
        }
        #expect(throws: GeneratorError.self) {
            try Generator(files: Self.file(method: Self.method(access: 0))).serviceSources()
        }
    }

    @Test func streamingRPCsAreRejected() {
        #expect(throws: GeneratorError.self) {
            try Generator(files: Self.file(method: Self.method(access: 2, streaming: true))).serviceSources()
        }
    }

    @Test func membersThatWouldShareASwiftNameAreRejected() {
        let clash = Self.message(
            "PingRequest",
            fields: [
                ProtoFieldDecl(
                    name: "contact_id",
                    number: 1,
                    type: .string,
                    typeName: "",
                    isRepeated: false,
                    oneofIndex: nil,
                    jsonName: "contactId",
                    comment: ""
                ),
                ProtoFieldDecl(
                    name: "contact_i_d",
                    number: 2,
                    type: .string,
                    typeName: "",
                    isRepeated: false,
                    oneofIndex: nil,
                    jsonName: "contactID",
                    comment: ""
                ),
            ]
        )
        #expect(throws: GeneratorError.self) {
            try Generator(
                files: Self.file(method: Self.method(access: 2), messages: [clash, Self.message("PingResponse")])
            )
            .messageSources()
        }
    }

    /// A `map<key, string> labels = 1;` field of PingRequest, with the entry message protoc makes.
    private static func mapRequest(key: ProtoFieldType) -> ProtoMessageDecl {
        func field(_ name: String, _ number: Int32, _ type: ProtoFieldType, typeName: String = "") -> ProtoFieldDecl {
            ProtoFieldDecl(
                name: name,
                number: number,
                type: type,
                typeName: typeName,
                isRepeated: type == .message,
                oneofIndex: nil,
                jsonName: name,
                comment: ""
            )
        }
        var entry = message("PingRequest.LabelsEntry", fields: [field("key", 1, key), field("value", 2, .string)])
        entry.name = "LabelsEntry"
        entry.isMapEntry = true
        var request = message("PingRequest", fields: [field("labels", 1, .message, typeName: entry.fullName)])
        request.nestedMessages = [entry]
        return request
    }

    @Test func mapsNeedStringKeys() throws {
        let outputs = try Generator(
            files: Self.file(
                method: Self.method(access: 2),
                messages: [Self.mapRequest(key: .string), Self.message("PingResponse")]
            )
        )
        .messageSources()
        let source = try #require(outputs.first { $0.fileName == "test.pb.swift" }).contents
        #expect(source.contains("public var labels: [String: String] = [:]"))
        let registry = try #require(outputs.first { $0.fileName == "ProtoRegistry.pb.swift" }).contents
        #expect(registry.contains("PingRequest.self,"))
        #expect(!registry.contains("LabelsEntry"), "map entries are not messages of the API")

        let error = #expect(throws: GeneratorError.self) {
            try Generator(
                files: Self.file(
                    method: Self.method(access: 2),
                    messages: [Self.mapRequest(key: .int32), Self.message("PingResponse")]
                )
            )
            .messageSources()
        }
        #expect(error?.description == "herald.v1.PingRequest.labels: map keys other than strings are not supported")
    }

    @Test func messagesGetFieldsBridgeJSONAndSchema() throws {
        let request = Self.message(
            "PingRequest",
            fields: [
                ProtoFieldDecl(
                    name: "note",
                    number: 1,
                    type: .string,
                    typeName: "",
                    isRepeated: false,
                    oneofIndex: nil,
                    jsonName: "note",
                    comment: " A note.\n"
                )
            ]
        )
        let outputs = try Generator(
            files: Self.file(method: Self.method(access: 2), messages: [request, Self.message("PingResponse")])
        )
        .messageSources()
        let source = try #require(outputs.first { $0.fileName == "test.pb.swift" }).contents
        #expect(source.contains("public struct PingRequest: ProtoMessage {"))
        #expect(source.contains("    /// A note.\n    public var note: String = \"\""))
        #expect(source.contains("typealias CMessage = Herald__V1__PingRequest"))
        #expect(source.contains("herald__v1__ping_request__init(&message)"))
        #expect(source.contains("try object.take(\"note\", \"note\")"))
        #expect(source.contains("public static let protoSchema = ProtoMessageSchema("))
        #expect(
            outputs.contains { $0.fileName == "ProtoRegistry.pb.swift" && $0.contents.contains("PingRequest.self,") }
        )
    }
}
