/// Hexadecimal encoding of bytes, as used for digests and webhook signatures.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes `bytes` as lowercase hexadecimal, two digits per byte.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: The hex string.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            var index = 0
            for byte in bytes {
                output[index] = Self.digits[Int(byte >> 4)]
                output[index + 1] = Self.digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    /// Decodes hexadecimal (either case), or returns `nil` for an odd length or a non-hex
    /// character.
    ///
    /// - Parameter string: The hex string.
    /// - Returns: The bytes.
    public static func decode(_ string: String) -> [UInt8]? {
        let utf8 = Array(string.utf8)
        guard utf8.count % 2 == 0 else {
            return nil
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = Self.value(of: utf8[index]), let low = Self.value(of: utf8[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
