#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An IPv4 or IPv6 address and port, parsed from `host:port` (`127.0.0.1:7443`,
/// `[::1]:7443`, `localhost:7443`).
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Hashable {
        case v4(address: UInt32, port: UInt16)
        case v6(address: [UInt8], port: UInt16)
    }

    private var storage: Storage

    /// Why a `host:port` string is not an address.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses `host:port`; `localhost` means 127.0.0.1. Host names are not resolved: Herald
    /// listens and connects on literal addresses.
    public init(parsing text: String) throws(ParseError) {
        var host = Substring(text)
        guard let colon = host.lastIndex(of: ":") else {
            throw ParseError(description: "'\(text)' is not host:port")
        }
        let portText = host[host.index(after: colon)...]
        guard let port = UInt16(portText) else {
            throw ParseError(description: "'\(portText)' in '\(text)' is not a port number (0–65535)")
        }
        host = host[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = host.dropFirst().dropLast()
        }
        if host == "localhost" { host = "127.0.0.1" }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, String(host), &v4) == 1 {
            storage = .v4(address: v4.s_addr, port: port)
        } else if inet_pton(AF_INET6, String(host), &v6) == 1 {
            storage = .v6(address: withUnsafeBytes(of: v6) { Array($0) }, port: port)
        } else {
            throw ParseError(description: "'\(host)' in '\(text)' is not an IPv4 or IPv6 address")
        }
    }

    init(storage raw: sockaddr_storage) {
        var raw = raw
        if raw.ss_family == sa_family_t(AF_INET6) {
            let address = withUnsafeBytes(of: &raw) { $0.load(as: sockaddr_in6.self) }
            storage = .v6(
                address: withUnsafeBytes(of: address.sin6_addr) { Array($0) },
                port: UInt16(bigEndian: address.sin6_port)
            )
        } else {
            let address = withUnsafeBytes(of: &raw) { $0.load(as: sockaddr_in.self) }
            storage = .v4(address: address.sin_addr.s_addr, port: UInt16(bigEndian: address.sin_port))
        }
    }

    /// The port.
    public var port: UInt16 {
        switch storage {
        case .v4(_, let port), .v6(_, let port): port
        }
    }

    /// True for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        switch storage {
        case .v4(let address, _): UInt32(bigEndian: address) >> 24 == 127
        case .v6(let address, _): address == Array(repeating: 0, count: 15) + [1]
        }
    }

    var family: Int32 {
        switch storage {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch storage {
        case .v4(let address, let port):
            var raw = sockaddr_in()
            raw.sin_family = sa_family_t(AF_INET)
            raw.sin_port = port.bigEndian
            raw.sin_addr.s_addr = address
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(let address, let port):
            var raw = sockaddr_in6()
            raw.sin6_family = sa_family_t(AF_INET6)
            raw.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &raw.sin6_addr) { $0.copyBytes(from: address) }
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    private static func string(_ characters: [CChar]) -> String {
        let bytes = characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The IP address as text, without brackets or port (`127.0.0.1`, `::1`).
    public var host: String {
        switch storage {
        case .v4(let address, _):
            var raw = in_addr(s_addr: address)
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
            return Self.string(text)
        case .v6(let address, _):
            var raw = in6_addr()
            withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: address) }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
            return Self.string(text)
        }
    }

    public var description: String {
        switch storage {
        case .v4: "\(host):\(port)"
        case .v6: "[\(host)]:\(port)"
        }
    }
}
