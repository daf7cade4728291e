public import HeraldProtos
public import HeraldWire

/// Collects field violations so a request with several bad fields gets them all in one
/// INVALID_ARGUMENT.
public struct Violations: Sendable {
    public private(set) var list: [FieldViolation] = []

    public init() {}

    /// Records that `field` is invalid.
    public mutating func add(_ field: String, _ description: String) {
        list.append(FieldViolation(field: field, description: description))
    }

    /// Throws an error with every recorded violation, if there is any.
    ///
    /// - Parameters:
    ///   - code: INVALID_ARGUMENT unless the fields are well-formed but name something that is
    ///     missing (FAILED_PRECONDITION).
    ///   - plural: what the fields are, for the message when there are several.
    public func check(code: StatusCode = .invalidArgument, plural: String = "invalid fields") throws(RPCError) {
        guard let first = list.first else { return }
        let message =
            list.count == 1
            ? "\(first.field): \(first.description)"
            : "\(list.count) \(plural), first \(first.field): \(first.description)"
        throw RPCError(code: code, message: message, fieldViolations: list)
    }
}

/// Rules for free text the services store (names, notes, reasons).
public enum TextRules {
    /// The text trimmed of surrounding whitespace, or a description of why it is not allowed:
    /// longer than `maximum` characters, shorter than `minimum`, or holding control characters
    /// (tabs included; newlines `\n` and `\r` too, unless `allowingNewlines`).
    public static func check(
        _ text: String,
        minimum: Int = 0,
        maximum: Int,
        allowingNewlines: Bool = false
    ) -> Result<String, TextProblem> {
        let trimmed = text.trimmedWhitespace
        if trimmed.count < minimum {
            return .failure(TextProblem(description: minimum == 1 ? "required" : "at least \(minimum) characters"))
        }
        if trimmed.count > maximum { return .failure(TextProblem(description: "at most \(maximum) characters")) }
        for scalar in trimmed.unicodeScalars where scalar.properties.generalCategory == .control {
            if allowingNewlines {
                if scalar == "\n" || scalar == "\r" { continue }
                return .failure(TextProblem(description: "must not contain control characters other than newlines"))
            }
            return .failure(TextProblem(description: "must not contain control characters"))
        }
        return .success(trimmed)
    }

    /// Why text was refused.
    public struct TextProblem: Error, Sendable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    public var trimmedWhitespace: String {
        let scalars = Array(String(self).unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}
