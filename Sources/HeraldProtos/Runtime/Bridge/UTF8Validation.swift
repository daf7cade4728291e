/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF) that also
/// rejects U+0000.
enum UTF8Validation {
    /// nil when `bytes` is valid, else what is wrong with it.
    static func check(_ bytes: UnsafeRawBufferPointer) -> ProtoDecodingError.Reason? {
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time while there is no high bit and no zero byte.
            if count - index >= 8 {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let hasHighBit = word & 0x8080_8080_8080_8080 != 0
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
                if !hasHighBit && !hasZero {
                    index += 8
                    continue
                }
            }
            let lead = bytes[index]
            if lead == 0 { return .embeddedNul }
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            default: return .invalidUTF8
            }
            guard count - index >= length else { return .invalidUTF8 }
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return .invalidUTF8 }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return .invalidUTF8
            }
            index += length
        }
        return nil
    }
}
