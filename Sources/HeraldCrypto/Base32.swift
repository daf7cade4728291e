/// RFC 4648 base32 encoding with the lowercase alphabet and no padding.
enum Base32 {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Encodes `bytes`: five bits per character, the last character zero-padded on the right.
    static func encode(_ bytes: [UInt8]) -> String {
        let count = (bytes.count * 8 + 4) / 5
        return String(unsafeUninitializedCapacity: count) { output in
            var accumulator: UInt32 = 0
            var bits = 0
            var index = 0
            for byte in bytes {
                accumulator = accumulator << 8 | UInt32(byte)
                bits += 8
                while bits >= 5 {
                    bits -= 5
                    output[index] = Self.alphabet[Int(accumulator >> UInt32(bits) & 0x1F)]
                    index += 1
                }
            }
            if bits > 0 {
                output[index] = Self.alphabet[Int(accumulator << UInt32(5 - bits) & 0x1F)]
                index += 1
            }
            return index
        }
    }
}
