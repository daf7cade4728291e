/// The key of a record in a ``Table``: a non-empty byte string of at most
/// ``StoreKey/maximumLength`` bytes.
///
/// Keys are ordered by their bytes, unsigned and lexicographically, a proper prefix first. A key
/// made from a `String` holds its UTF-8 bytes, so string keys sort in Unicode code point order
/// ("a" < "b" < "ba" < "é"). Services usually build keys from parts that keep related records
/// together, e.g. `"<tenant>/<contact id>"`, and read such groups with a prefix scan.
public struct StoreKey: Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The longest key, in bytes.
    public static let maximumLength = 4096

    /// The key's bytes.
    public var bytes: [UInt8]

    /// A key with these bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A key holding the UTF-8 bytes of `string`.
    public init(_ string: String) {
        self.bytes = Array(string.utf8)
    }

    /// A key holding the UTF-8 bytes of a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The key as a string, or nil when its bytes are not UTF-8.
    public var string: String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Whether the key starts with the bytes of `prefix`.
    public func hasPrefix(_ prefix: StoreKey) -> Bool {
        bytes.count >= prefix.bytes.count && bytes[0..<prefix.bytes.count].elementsEqual(prefix.bytes)
    }

    /// This key with `suffix`'s bytes appended.
    public func appending(_ suffix: StoreKey) -> StoreKey {
        StoreKey(bytes: bytes + suffix.bytes)
    }

    /// Hashes the key's bytes in one go (an array of bytes would be fed byte by byte).
    public func hash(into hasher: inout Hasher) {
        ByteCoding.hash(bytes, into: &hasher)
    }

    public static func < (left: StoreKey, right: StoreKey) -> Bool {
        ByteCoding.compare(left.bytes, right.bytes) < 0
    }

    /// The key as text when it is printable UTF-8, otherwise as hexadecimal (`0x00ff…`).
    public var description: String {
        if let string, !string.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return string
        }
        return "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The smallest key that sorts after every key starting with this one, or nil when there is
    /// none (the key is all `0xFF`).
    var prefixUpperBound: StoreKey? {
        var bytes = self.bytes
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return StoreKey(bytes: bytes)
            }
            bytes.removeLast()
        }
        return nil
    }
}
