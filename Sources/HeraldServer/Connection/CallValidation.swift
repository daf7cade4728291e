import HeraldProtos
import HeraldWire

/// Checks on a request header's free-form fields (the method, tenant and access are checked
/// by the connection against its routes and policy).
enum CallValidation {
    static let maxIDLength = 128
    static let maxMetadataEntries = 32
    static let maxMetadataKeyLength = 64
    static let maxMetadataValueBytes = 1_024

    static func check(_ header: RequestHeader) -> Result<Void, RPCError> {
        if !isPrintableASCII(header.requestID, maximum: maxIDLength) {
            return .failure(.invalidArgument(field: "header.request_id", "up to 128 printable ASCII characters"))
        }
        if !isPrintableASCII(header.idempotencyKey, maximum: maxIDLength) {
            return .failure(.invalidArgument(field: "header.idempotency_key", "up to 128 printable ASCII characters"))
        }
        if header.metadata.count > maxMetadataEntries {
            return .failure(.invalidArgument(field: "header.metadata", "at most \(maxMetadataEntries) entries"))
        }
        for (key, value) in header.metadata {
            if !isMetadataKey(key) {
                return .failure(
                    .invalidArgument(field: "header.metadata[\(key)]", "keys are 1–64 characters of a–z 0–9 . _ -")
                )
            }
            if value.utf8.count > maxMetadataValueBytes {
                return .failure(.invalidArgument(field: "header.metadata[\(key)]", "values are at most 1024 bytes"))
            }
        }
        return .success(())
    }

    private static func isPrintableASCII(_ text: String, maximum: Int) -> Bool {
        text.utf8.count <= maximum && text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    private static func isMetadataKey(_ key: String) -> Bool {
        (1...maxMetadataKeyLength).contains(key.utf8.count)
            && key.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
                    UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }
}
