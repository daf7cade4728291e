import HeraldTransport

extension DaemonConfiguration {
    /// Where a setting's value came from, for error messages.
    enum Source: CustomStringConvertible {
        case flag
        case environment(String)
        case file(String)
        case defaultValue

        var description: String {
            switch self {
            case .flag: "flag"
            case .environment(let variable): "environment variable \(variable)"
            case .file(let path): "config file \(path)"
            case .defaultValue: "default"
            }
        }
    }
}

/// Parses setting values, naming the setting and source in every error.
struct SettingReader {
    let lookup: (DaemonSetting) -> (String, DaemonConfiguration.Source)?

    private func fail(
        _ setting: DaemonSetting,
        _ value: String,
        _ source: DaemonConfiguration.Source,
        _ problem: String
    )
        -> DaemonConfigurationError
    {
        DaemonConfigurationError(description: "--\(setting.rawValue) \"\(value)\" (from \(source)): \(problem)")
    }

    func string(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> String {
        guard let (value, _) = lookup(setting), !value.isEmpty else {
            throw DaemonConfigurationError(
                description: "--\(setting.rawValue) is required (or set \(setting.environmentVariable))"
            )
        }
        return value
    }

    func address(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress {
        guard let address = try optionalAddress(setting) else {
            throw DaemonConfigurationError(description: "--\(setting.rawValue) is required")
        }
        return address
    }

    func optionalAddress(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress? {
        guard let (value, source) = lookup(setting), !value.isEmpty else { return nil }
        do {
            return try SocketAddress(parsing: value)
        } catch {
            throw fail(setting, value, source, error.description)
        }
    }

    func choice<T>(_ setting: DaemonSetting, _ choices: [String: T]) throws(DaemonConfigurationError) -> T {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        guard let choice = choices[value.lowercased()] else {
            throw fail(setting, value, source, "expected one of \(choices.keys.sorted().joined(separator: ", "))")
        }
        return choice
    }

    func count(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Int {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        guard let count = Int(value), count > 0 else {
            throw fail(setting, value, source, "expected a positive whole number")
        }
        return count
    }

    /// Bytes, optionally with a KiB or MiB suffix.
    func size(_ setting: DaemonSetting, minimum: Int) throws(DaemonConfigurationError) -> Int {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        var number = Substring(value)
        var unit = 1
        for (suffix, multiplier) in [("KiB", 1 << 10), ("MiB", 1 << 20)] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            unit = multiplier
        }
        guard let count = Int(number), count > 0, count * unit >= minimum else {
            throw fail(setting, value, source, "expected a size of at least \(minimum) bytes (e.g. 4MiB)")
        }
        return count * unit
    }

    /// A duration like `250ms`, `10s`, `5m`; nil when `allowZero` and the value is 0.
    func duration(_ setting: DaemonSetting, allowZero: Bool) throws(DaemonConfigurationError) -> Duration? {
        let (value, source) = lookup(setting) ?? ("", .defaultValue)
        let units: [(String, Duration)] = [
            ("ms", .milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60)), ("h", .seconds(3600)),
        ]
        for (suffix, unit) in units where value.hasSuffix(suffix) {
            if let amount = Int(value.dropLast(suffix.count)), amount >= 0 {
                if amount == 0 {
                    guard allowZero else { throw fail(setting, value, source, "must be more than 0") }
                    return nil
                }
                return unit * amount
            }
        }
        if value == "0" && allowZero { return nil }
        throw fail(setting, value, source, "expected a duration such as 250ms, 10s or 5m")
    }
}
