internal import COpenSSL

/// A TLS protocol version Herald can negotiate.
///
/// Only TLS 1.2 and 1.3 exist here: older versions are never offered or accepted.
public enum TLSVersion: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// TLS 1.2 (RFC 5246). Allowed only when a configuration asks for it explicitly.
    case v1_2 = 0x0303
    /// TLS 1.3 (RFC 8446). The default minimum.
    case v1_3 = 0x0304

    public var description: String {
        switch self {
        case .v1_2: "TLS 1.2"
        case .v1_3: "TLS 1.3"
        }
    }

    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// OpenSSL's constant for this version (`TLS1_3_VERSION`…).
    var openSSLValue: Int32 {
        switch self {
        case .v1_2: TLS1_2_VERSION
        case .v1_3: TLS1_3_VERSION
        }
    }

    /// The version for an OpenSSL constant, or `nil` for versions Herald does not speak.
    init?(openSSLValue: Int32) {
        switch openSSLValue {
        case TLS1_2_VERSION: self = .v1_2
        case TLS1_3_VERSION: self = .v1_3
        default: return nil
        }
    }
}
