import HeraldTransport

extension DaemonConfiguration {
    /// Where a setting's value came from, for error messages.
    enum Source: CustomStringConvertible {
        case flag
        case environment(String)
        case file(String, key: String)
        case defaultValue

        var description: String {
            switch self {
            case .flag: "flag"
            case .environment(let variable): "environment variable \(variable)"
            case .file(let path, let key): "config file \(path), key \"\(key)\""
            case .defaultValue: "default"
            }
        }
    }
}

/// Parses setting values, naming the setting, value and source in every error.
struct SettingReader {
    /// The largest size or count: what a `u32` field of the wire protocol's `Settings` holds.
    static let maximumNumber = Int(UInt32.max)
    /// The longest duration: a year, far below where timers and deadlines would overflow.
    static let maximumDuration = Duration.seconds(365 * 24 * 3600)

    let lookup: (DaemonSetting) -> (String, DaemonConfiguration.Source)?

    private func value(_ setting: DaemonSetting) -> (String, DaemonConfiguration.Source) {
        lookup(setting) ?? ("", .defaultValue)
    }

    /// An error for the setting's current value.
    func fail(_ setting: DaemonSetting, _ problem: String) -> DaemonConfigurationError {
        let (value, source) = value(setting)
        return DaemonConfigurationError(description: "--\(setting.rawValue) \"\(value)\" (from \(source)): \(problem)")
    }

    func string(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> String {
        guard let (value, _) = lookup(setting) else {
            throw DaemonConfigurationError(
                description: "--\(setting.rawValue) is required (or set \(setting.environmentVariable))"
            )
        }
        guard !value.isEmpty else { throw fail(setting, "must not be empty") }
        return value
    }

    /// A file's path, read by `load`; its errors are reported with the setting and source.
    func load<T, Failure: Error>(
        _ setting: DaemonSetting,
        _ load: (String) throws(Failure) -> T
    ) throws(DaemonConfigurationError) -> T {
        let path = try string(setting)
        do {
            return try load(path)
        } catch {
            throw fail(setting, "\(error)")
        }
    }

    func address(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress {
        guard let address = try optionalAddress(setting) else {
            guard lookup(setting) == nil else { throw fail(setting, "must not be empty") }
            throw DaemonConfigurationError(description: "--\(setting.rawValue) is required")
        }
        return address
    }

    /// An address, or nil when unset or empty (off).
    func optionalAddress(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> SocketAddress? {
        guard let (value, _) = lookup(setting), !value.isEmpty else { return nil }
        do {
            return try SocketAddress(parsing: value)
        } catch {
            throw fail(setting, error.description)
        }
    }

    func choice<T>(_ setting: DaemonSetting, _ choices: [String: T]) throws(DaemonConfigurationError) -> T {
        guard let choice = choices[value(setting).0.lowercased()] else {
            throw fail(setting, "expected one of \(choices.keys.sorted().joined(separator: ", "))")
        }
        return choice
    }

    /// A whole number from 1 to ``maximumNumber``.
    func count(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Int {
        guard let count = Int(value(setting).0), count > 0, count <= Self.maximumNumber else {
            throw fail(setting, "expected a whole number from 1 to \(Self.maximumNumber)")
        }
        return count
    }

    /// Bytes, optionally with a KiB or MiB suffix, from `minimum` to ``maximumNumber``.
    func size(_ setting: DaemonSetting, minimum: Int) throws(DaemonConfigurationError) -> Int {
        var number = Substring(value(setting).0)
        var unit = 1
        for (suffix, multiplier) in [("KiB", 1 << 10), ("MiB", 1 << 20)] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            unit = multiplier
        }
        guard let count = Int(number), count > 0 else {
            throw fail(setting, "expected a size in bytes, or with KiB or MiB (e.g. 4MiB)")
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow, bytes >= minimum, bytes <= Self.maximumNumber else {
            throw fail(setting, "expected a size from \(minimum) to \(Self.maximumNumber) bytes (e.g. 4MiB)")
        }
        return bytes
    }

    /// A duration like `250ms`, `10s`, `5m`, `2h`: more than 0, at most ``maximumDuration``.
    func duration(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Duration {
        let milliseconds = try self.milliseconds(setting)
        guard milliseconds > 0 else { throw fail(setting, "must be more than 0") }
        return .milliseconds(milliseconds)
    }

    /// A duration like ``duration(_:)``'s, or nil (off) for 0.
    func optionalDuration(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Duration? {
        let milliseconds = try self.milliseconds(setting)
        return milliseconds == 0 ? nil : .milliseconds(milliseconds)
    }

    /// A duration in milliseconds, at most ``maximumDuration``: `0`, or a whole number with a
    /// unit.
    private func milliseconds(_ setting: DaemonSetting) throws(DaemonConfigurationError) -> Int {
        let value = value(setting).0
        if value == "0" { return 0 }
        let units: [(suffix: String, milliseconds: Int)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        let maximum = Int(Self.maximumDuration / .milliseconds(1))
        for unit in units where value.hasSuffix(unit.suffix) {
            guard let amount = Int(value.dropLast(unit.suffix.count)), amount >= 0 else { continue }
            let (milliseconds, overflow) = amount.multipliedReportingOverflow(by: unit.milliseconds)
            guard !overflow, milliseconds <= maximum else {
                throw fail(setting, "must be at most \(maximum / 3_600_000)h")
            }
            return milliseconds
        }
        throw fail(setting, "expected a duration such as 250ms, 10s or 5m")
    }
}
