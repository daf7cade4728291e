/// Case-insensitive substring search for contact search: the needle's lowercase UTF-8 bytes
/// looked for in the text's lowercase UTF-8 bytes.
///
/// `String.contains` compares grapheme by grapheme and builds a table per call; search runs it
/// on every contact of a tenant, so this compares bytes instead (through a `Span` of the text's
/// UTF-8, no copy and no pointer), lowercasing ASCII text on the fly and lowercasing other text
/// as a whole first. Matching is on code points: there is no Unicode normalization (stored text
/// is as the caller sent it).
struct SubstringMatcher {
    private let needle: [UInt8]

    /// A matcher for `needle` (matched case-insensitively).
    init(_ needle: String) {
        self.needle = Array(needle.lowercased().utf8)
    }

    /// Whether the needle occurs in `text`, ignoring case.
    func occurs(in text: String) -> Bool {
        guard !needle.isEmpty else { return true }
        if Self.isASCII(text.utf8.span) {
            return Self.find(needle, in: text.utf8.span, lowercasingASCII: true)
        }
        let lowercased = text.lowercased()
        return Self.find(needle, in: lowercased.utf8.span, lowercasingASCII: false)
    }

    private static func isASCII(_ bytes: Span<UInt8>) -> Bool {
        for index in bytes.indices where bytes[index] >= 0x80 { return false }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: Span<UInt8>, lowercasingASCII: Bool) -> Bool {
        guard needle.count <= haystack.count else { return false }
        guard let first = needle.first else { return true }
        @inline(__always) func byte(_ index: Int) -> UInt8 {
            let value = haystack[index]
            return lowercasingASCII && value >= 0x41 && value <= 0x5A ? value | 0x20 : value
        }
        var start = 0
        while start <= haystack.count - needle.count {
            if byte(start) == first {
                var offset = 1
                while offset < needle.count && byte(start + offset) == needle[offset] {
                    offset += 1
                }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
