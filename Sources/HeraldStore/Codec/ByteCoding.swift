#if canImport(Glibc)
import Glibc
#endif

/// Little-endian integers in byte arrays, and the byte order of keys.
enum ByteCoding {
    /// Appends `value` as 4 little-endian bytes.
    @inline(__always)
    static func appendUInt32(_ value: UInt32, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Appends `value` as 8 little-endian bytes.
    @inline(__always)
    static func appendUInt64(_ value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Reads 4 little-endian bytes at `offset`.
    @inline(__always)
    static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Reads 8 little-endian bytes at `offset`.
    @inline(__always)
    static func uint64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Reads 4 little-endian bytes at `offset` of an array.
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { uint32($0, at: offset) }
    }

    /// Reads 8 little-endian bytes at `offset` of an array.
    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { uint64($0, at: offset) }
    }

    /// Compares two byte strings as unsigned bytes, lexicographically (a proper prefix sorts
    /// first): negative, zero or positive like `memcmp`.
    @inline(__always)
    static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        left.withUnsafeBytes { left in
            right.withUnsafeBytes { right in
                let common = min(left.count, right.count)
                if common > 0 {
                    let order = memcmp(left.baseAddress!, right.baseAddress!, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }

    /// Whether every byte is zero.
    static func isAllZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte != 0 {
            return false
        }
        return true
    }
}
