import ArgumentParser
import HeraldProtos

extension ProtoEnum {
    /// The `.proto` name without the enum's prefix (`SERVING` for `SERVING_STATUS_SERVING`); the
    /// number for a value this version does not know.
    var shortName: String {
        guard let name = protoName else { return "\(rawValue)" }
        return name.hasPrefix(Self.protoNamePrefix) ? String(name.dropFirst(Self.protoNamePrefix.count)) : name
    }

    /// The value's name on the command line and in tables: ``shortName`` lower-cased, `_` as `-`
    /// (`redial-once` for `PHONE_FALLBACK_REDIAL_ONCE`).
    var cliName: String {
        String(shortName.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// The values accepted on the command line: every known value except UNSPECIFIED (0).
    static var cliValues: [Self] { allCases.filter { $0.rawValue != 0 } }

    /// The accepted names for help and error messages: `auto, chinese or english`.
    static var cliChoices: String { choiceList(cliValues.map(\.cliName)) }

    /// Parses a command-line value: its ``cliName`` in any case, with `-` or `_`, or its full
    /// `.proto` name.
    ///
    /// - Throws: `ValidationError` listing the accepted names.
    static func cliValue(_ text: String) throws -> Self {
        let normalized = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        if let value = cliValues.first(where: { $0.cliName == normalized }) { return value }
        if let value = Self(protoName: text), value.rawValue != 0 { return value }
        throw ValidationError("expected \(cliChoices)")
    }
}

extension MethodState {
    /// A `--phone-state` / `--email-state` filter: a state, or `none` for "no address" (UNSPECIFIED).
    static func filterValue(_ text: String) throws -> MethodState {
        if text.lowercased() == "none" { return .unspecified }
        do {
            return try cliValue(text)
        } catch {
            throw ValidationError("expected \(filterChoices)")
        }
    }

    /// The accepted filter names.
    static var filterChoices: String { choiceList(["none"] + cliValues.map(\.cliName)) }
}

/// `a, b or c`.
func choiceList(_ names: [String]) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
}
