/// Base64 (RFC 4648 §4 and §5). Encoding writes the standard alphabet with `=` padding (how
/// proto3 JSON writes `bytes`), or with `url` the URL-safe alphabet without padding (for
/// tokens that travel in URLs and command lines). Decoding accepts either alphabet, with or
/// without padding.
public enum Base64 {
    /// Why text is not base64.
    public struct Malformed: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    private static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8], url: Bool = false) -> String {
        let alphabet = url ? urlSafe : standard
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var word: UInt32 = 0
            for (position, byte) in chunk.enumerated() { word |= UInt32(byte) << (16 - 8 * position) }
            for position in 0..<4 {
                if position <= chunk.count {
                    output.append(alphabet[Int((word >> (18 - 6 * position)) & 0x3F)])
                } else if !url {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func decode(_ text: String) throws(Malformed) -> [UInt8] {
        var output: [UInt8] = []
        var word: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            default:
                throw Malformed(description: "unexpected character")
            }
            guard padding == 0 else { throw Malformed(description: "data after padding") }
            word = word << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: word >> UInt32(bits)))
            }
        }
        guard padding <= 2, bits < 6 else { throw Malformed(description: "bad length") }
        return output
    }
}

/// `bytes` fields in proto3 JSON: base64 strings (see ``Base64``).
enum JSONBytes {
    static func encode(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes)
    }

    static func decode(_ json: JSONValue, path: String) throws(ProtoJSONError) -> [UInt8] {
        guard case .string(let text) = json else {
            throw ProtoJSONError(path: path, message: "expected a base64 string, found \(json.kindName)")
        }
        do {
            return try Base64.decode(text)
        } catch {
            throw ProtoJSONError(path: path, message: "not base64: \(error)")
        }
    }

    static func decodeArray(_ json: JSONValue, path: String) throws(ProtoJSONError) -> [[UInt8]] {
        guard case .array(let elements) = json else {
            throw ProtoJSONError(path: path, message: "expected an array, found \(json.kindName)")
        }
        var result: [[UInt8]] = []
        for (index, element) in elements.enumerated() {
            result.append(try decode(element, path: "\(path)[\(index)]"))
        }
        return result
    }
}
