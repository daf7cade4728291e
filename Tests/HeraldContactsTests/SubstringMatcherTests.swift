import Testing

@testable import HeraldContacts

/// Search's case-insensitive matching, byte by byte.
@Suite struct SubstringMatcherTests {
    @Test(arguments: [
        ("wei", "Zhang Wei", true),
        ("ZHANG", "zhang wei", true),
        ("g w", "Zhang Wei", true),
        ("wei", "Zhang We", false),
        ("", "anything", true),
        ("long needle", "short", false),
        ("张", "张伟", true),
        ("伟", "张伟", true),
        ("李", "张伟", false),
        ("émile", "ÉMILE Zola", true),
        ("straße", "STRASSE", false),  // no folding beyond lowercase
        ("ω", "Ωmega", true),
        ("@example.com", "Li.Lei@Example.COM", true),
        ("aab", "aaab", true),
        ("[", "ZZZ[", true),  // "[" is 0x5B, just past "Z": never lowercased into a match
        ("{", "[", false),
    ])
    func matchesIgnoringCase(needle: String, text: String, expected: Bool) {
        #expect(SubstringMatcher(needle).occurs(in: text) == expected)
    }

    @Test func agreesWithLowercasedContainsOnASCII() {
        let texts = ["Zhang Wei", "li.lei@example.com", "DBA On-Call", "+8613912345678", "a", ""]
        let needles = ["a", "ei", "LI", "on-c", "139", "xyz", "e.c", "zhang wei"]
        for text in texts {
            for needle in needles {
                #expect(
                    SubstringMatcher(needle).occurs(in: text) == text.lowercased().contains(needle.lowercased()),
                    "\(needle) in \(text)"
                )
            }
        }
    }
}
