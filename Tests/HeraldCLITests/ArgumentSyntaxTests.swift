import ArgumentParser
import HeraldProtos
import Testing

@testable import HeraldCLI

/// The compact syntaxes of `--webhook`, `--im`, `--principal`, `--call-country-codes` and the
/// enum values.
@Suite struct ArgumentSyntaxTests {
    @Test(arguments: [
        (
            "wecom=https://qyapi.weixin.qq.com/x?key=1",
            Webhook(kind: .wecom, url: "https://qyapi.weixin.qq.com/x?key=1")
        ),
        (
            "DingTalk=https://oapi.dingtalk.com/robot/send?access_token=a,secret=SECx,name=DBA, on-call",
            Webhook(
                kind: .dingtalk,
                url: "https://oapi.dingtalk.com/robot/send?access_token=a",
                displayName: "DBA, on-call",
                auth: .signingSecret("SECx")
            )
        ),
        (
            "generic=https://example.com/a,b?c=d,keyword=DAS Alarm",
            Webhook(kind: .generic, url: "https://example.com/a,b?c=d", auth: .keyword("DAS Alarm"))
        ),
        ("lark=https://open.feishu.cn/x,id=wh_7", Webhook(id: "wh_7", kind: .lark, url: "https://open.feishu.cn/x")),
        ("arms=", Webhook(kind: .arms, url: "")),
        ("lark=https://x,secret=", Webhook(kind: .lark, url: "https://x", auth: .signingSecret(""))),
    ])
    func webhooks(text: String, expected: Webhook) throws {
        #expect(try ContactArguments.webhook(text) == expected)
    }

    @Test(arguments: [
        ("https://example.com/hook", "expected KIND=URL"),
        ("=https://example.com/hook", "expected KIND=URL"),
        ("teams=https://example.com", "unknown webhook kind 'teams': expected dingtalk, wecom, lark, arms or generic"),
        ("lark=https://x,secret=a,keyword=b", "give secret= or keyword=, not both"),
        ("lark=https://x,name=a,name=b", "name= is given twice"),
    ])
    func badWebhooks(text: String, message: String) {
        #expect {
            try ContactArguments.webhook(text)
        } throws: { error in
            (error as? ValidationError)?.message.contains(message) == true
        }
    }

    @Test func imAccounts() throws {
        #expect(try ContactArguments.imAccount("wecom=zhang.wei") == ImAccount(platform: .wecom, userID: "zhang.wei"))
        #expect(try ContactArguments.imAccount("LARK=ou_1=2") == ImAccount(platform: .lark, userID: "ou_1=2"))
        #expect(try ContactArguments.imAccount("dingtalk=") == ImAccount(platform: .dingtalk, userID: ""))
        for (text, message) in [
            ("zhang", "expected PLATFORM=USER_ID"),
            ("slack=u1", "unknown IM platform 'slack': expected dingtalk, lark or wecom"),
        ] {
            #expect {
                try ContactArguments.imAccount(text)
            } throws: { error in
                (error as? ValidationError)?.message.contains(message) == true
            }
        }
    }

    @Test func principals() throws {
        #expect(try ContactArguments.principal("user:2012") == Principal(kind: .user, id: "2012"))
        #expect(
            try ContactArguments.principal("Role:3012:SRE: night shift")
                == Principal(kind: .role, id: "3012", displayName: "SRE: night shift")
        )
        #expect(try ContactArguments.principal("role:") == Principal(kind: .role, id: ""))
        for (text, message) in [
            ("2012", "expected user:ID[:DISPLAY NAME] or role:ID[:DISPLAY NAME]"),
            ("team:1", "unknown principal kind 'team': expected user or role"),
        ] {
            #expect {
                try ContactArguments.principal(text)
            } throws: { error in
                (error as? ValidationError)?.message.contains(message) == true
            }
        }
    }

    @Test func countryCodes() throws {
        #expect(try ContactArguments.countryCodes("86") == [86])
        #expect(try ContactArguments.countryCodes("86, +1,852") == [86, 1, 852])
        #expect(try ContactArguments.countryCodes("") == [])
        #expect(try ContactArguments.countryCodes("NONE") == [])
        #expect(throws: ValidationError.self) { try ContactArguments.countryCodes("86,,1") }
        #expect(throws: ValidationError.self) { try ContactArguments.countryCodes("china") }
    }

    @Test func enumNames() throws {
        #expect(PhoneFallback.redialOnce.cliName == "redial-once")
        #expect(Channel.phoneCall.cliName == "phone-call")
        #expect(PhoneFallback.cliChoices == "none, redial-once, sms or tenant-default")
        #expect(try PhoneFallback.cliValue("REDIAL_ONCE") == .redialOnce)
        #expect(try PhoneFallback.cliValue("PHONE_FALLBACK_SMS") == .sms)
        #expect(try Channel.cliValue("Phone-Call") == .phoneCall)
        #expect(throws: ValidationError.self) { try AlertLanguage.cliValue("unspecified") }
        #expect(throws: ValidationError.self) { try AlertLanguage.cliValue("") }
        #expect(try MethodState.filterValue("none") == .unspecified)
        #expect(try MethodState.filterValue("verified") == .verified)
        #expect(PhoneFallback(rawValue: 9).cliName == "9")
    }
}
