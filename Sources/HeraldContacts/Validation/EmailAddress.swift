import HeraldServiceKit

/// Email addresses: `local@domain`, trimmed, the domain lower-cased.
public enum EmailAddress {
    /// The normalized address, or why it is refused.
    public static func normalize(_ input: String) -> Result<String, EmailProblem> {
        let text = input.trimmedWhitespace
        guard text.count <= 254 else { return .failure(EmailProblem("at most 254 characters")) }
        guard let at = text.lastIndex(of: "@") else { return .failure(EmailProblem("must look like name@example.com")) }
        let local = text[..<at]
        let domain = text[text.index(after: at)...].lowercased()
        guard !local.contains("@") else { return .failure(EmailProblem("must contain exactly one @")) }
        guard !local.isEmpty, local.count <= 64 else {
            return .failure(EmailProblem("the part before @ must have 1–64 characters"))
        }
        for scalar in text.unicodeScalars
        where scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
            return .failure(EmailProblem("must not contain spaces or control characters"))
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 }),
            !domain.contains("@"), labels.last.map({ $0.count >= 2 }) == true
        else {
            return .failure(EmailProblem("the domain after @ must be like example.com"))
        }
        for label in labels where label.hasPrefix("-") || label.hasSuffix("-") {
            return .failure(EmailProblem("domain labels must not start or end with '-'"))
        }
        return .success(String(local) + "@" + domain)
    }

    /// Why an address was refused.
    public struct EmailProblem: Error, Sendable {
        public var description: String

        init(_ description: String) {
            self.description = description
        }
    }
}
