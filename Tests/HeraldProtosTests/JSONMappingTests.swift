import HeraldProtos
import Testing

@Suite struct JSONMappingTests {
    @Test func writesProto3JSON() throws {
        let contact = Contact(
            id: "ct_1",
            name: "Zhang Wei",
            alertLanguage: .english,
            createTimeUnixMs: 1_700_000_000_123,
            version: 3
        )
        #expect(
            contact.jsonString()
                == #"{"id":"ct_1","name":"Zhang Wei","alertLanguage":"ALERT_LANGUAGE_ENGLISH","createTimeUnixMs":"1700000000123","version":"3"}"#
        )
    }

    @Test func readsJSONAndProtoNamesEnumShortNamesAndNumbersAsStrings() throws {
        let contact = try Contact(
            jsonString: #"{"name": "A", "alert_language": "chinese", "createTimeUnixMs": 5, "version": "9"}"#
        )
        #expect(contact.name == "A")
        #expect(contact.alertLanguage == .chinese)
        #expect(contact.createTimeUnixMs == 5)
        #expect(contact.version == 9)
    }

    @Test func unknownFieldsAreRejectedWithTheirPath() {
        #expect(throws: ProtoJSONError(path: "contact.nmae", message: "unknown field of herald.v1.Contact")) {
            try CreateContactRequest(jsonString: #"{"contact": {"nmae": "typo"}}"#)
        }
    }

    @Test func badValuesNameTheirPath() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try CreateContactRequest(jsonString: #"{"contact": {"webhooks": [{}, {"kind": "CARRIER_PIGEON"}]}}"#)
        }
        #expect(error.path == "contact.webhooks[1].kind")
        #expect(error.message.contains("WEBHOOK_KIND_DINGTALK"))
        #expect(throws: ProtoJSONError.self) { try Contact(jsonString: #"{"version": "-1"}"#) }
        #expect(throws: ProtoJSONError.self) { try Contact(jsonString: #"{"version": 1.5}"#) }
        #expect(throws: ProtoJSONError.self) { try Contact(jsonString: #"{"name": 7}"#) }
    }

    @Test func twoMembersOfOneOneofAreRejected() {
        #expect(throws: ProtoJSONError.self) {
            try Webhook(jsonString: #"{"signingSecret": "s", "keyword": "k"}"#)
        }
    }

    @Test func nullMeansAbsent() throws {
        #expect(try Contact(jsonString: #"{"name": null, "principal": null}"#) == Contact())
    }

    @Test func bytesAreBase64() throws {
        let echo = EchoRequest(payload: [0, 1, 2, 255])
        #expect(echo.jsonValue["payload"] == .string("AAEC/w=="))
        #expect(try EchoRequest(jsonString: #"{"payload": "AAEC_w"}"#) == echo)
        #expect(throws: ProtoJSONError.self) { try EchoRequest(jsonString: #"{"payload": "A*=="}"#) }
    }

    @Test func int64ExtremesSurvive() throws {
        let response = HealthCheckResponse(uptimeMs: .max, serverTimeUnixMs: .min)
        #expect(try HealthCheckResponse(jsonString: response.jsonString()) == response)
    }

    @Test(
        "syntax errors report the byte offset",
        arguments: [
            (#"{"a": }"#, 6), (#"[1, 2"#, 5), (#"{"a" 1}"#, 5), (#""\x""#, 3), (#"01"#, 1), (#"{} x"#, 3),
        ]
    )
    func syntaxErrorsHaveOffsets(_ text: String, _ offset: Int) throws {
        let error = try #require(throws: ProtoJSONError.self) { try JSONValue(parsing: text) }
        #expect(error.path == "offset \(offset)")
    }

    @Test func parserHandlesEscapesAndDepth() throws {
        #expect(try JSONValue(parsing: #""\u00e9\ud83d\udea8\n\"""#) == .string("é🚨\n\""))
        #expect(throws: ProtoJSONError.self) { try JSONValue(parsing: #""\ud83d""#) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: ProtoJSONError.self) { try JSONValue(parsing: deep) }
    }

    @Test func printerEscapesControlCharacters() {
        #expect(JSONValue.string("a\u{1}\"\\\n").serialized() == #""a\u0001\"\\\n""#)
        let pretty = JSONValue.object([JSONMember("a", .array([.number("1")]))]).serialized(pretty: true)
        #expect(pretty == "{\n  \"a\": [\n    1\n  ]\n}")
    }
}
